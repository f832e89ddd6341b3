// /api/health's answer names the database it runs on, whichever of the three back ends the suite runs against.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { ingestDataset } from '../ingest/ingest-dataset';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { writeLaionParquet } from '../ingest/__fixtures__/write-laion-parquet';
import { COUNTS_MAX_AGE_MS, getHealth } from './get-health';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

describe('getHealth', () => {
  it('says which kind of database answers', async () => {
    // scripts/test.sh runs the Citus pass with the plain server beside it as TEST_SINGLE_DATABASE_URL.
    const expected =
      t.kind === 'embedded' ? { role: 'embedded', label: 'embedded' }
      : process.env.TEST_SINGLE_DATABASE_URL ? { role: 'citus', label: 'Citus' }
      : { role: 'server', label: 'PostgreSQL server' };
    const health = await getHealth(t.db);
    expect(health.status).toBe('ok');
    expect(health.database).toEqual({ kind: t.kind, ...expected, pgvector: expect.stringMatching(/^0\.\d+\.\d+$/) });
  });

  it('counts the datasets at most every 30 s: a probe in between answers with the last count, a later one recounts', async () => {
    const tmp = await makeTempDir('health-counts');
    try {
      writeLaionParquet(join(tmp.dir, 'a.parquet'), 20);
      await ingestDataset(t.db, { path: join(tmp.dir, 'a.parquet'), dataset: 'counted-first' });
      // Past whatever the test before counted: that count is stale now, and the recount it starts finds the dataset.
      let clock = Date.now() + 10 * COUNTS_MAX_AGE_MS;
      vi.spyOn(Date, 'now').mockImplementation(() => clock);
      await vi.waitFor(async () => expect((await getHealth(t.db)).datasets).toContainEqual(expect.objectContaining({ name: 'counted-first', pairs: 20 })));
      const first = await getHealth(t.db);
      writeLaionParquet(join(tmp.dir, 'b.parquet'), 7);
      await ingestDataset(t.db, { path: join(tmp.dir, 'b.parquet'), dataset: 'counted-later' });
      const soon = await getHealth(t.db);
      expect(soon.countedAt).toBe(first.countedAt);
      expect(soon.datasets!.map((d) => d.name)).not.toContain('counted-later');
      clock += COUNTS_MAX_AGE_MS + 1_000;
      // The stale answer comes at once; the recount it started is there for the next probe.
      expect((await getHealth(t.db)).countedAt).toBe(first.countedAt);
      await vi.waitFor(async () => expect((await getHealth(t.db)).datasets).toContainEqual(expect.objectContaining({ name: 'counted-later', pairs: 7 })));
    } finally {
      vi.restoreAllMocks();
      await tmp.cleanup();
    }
  });
});
