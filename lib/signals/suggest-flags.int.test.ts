// Suggestions on a real database: scores over their thresholds and private data in captions become open machine
// flags with their rule in the note and an audit event; re-runs add nothing; a rejected suggestion stays rejected.
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import type { Actor } from '../auth/schemas';
import { decideFlag } from '../flags/decide-flag';
import { findReviewQueue } from '../flags/find-review-queue';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../ingest/ingest-dataset';
import { getJob } from '../jobs/get-job';
import { startSieveWorker } from '../server/start-server-worker';
import { queueSuggestions } from './queue-suggestions';
import { suggestFlags } from './suggest-flags';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
const reviewer: Actor = { kind: 'user', id: 'rev', email: 'rev@t.local', name: 'rev', role: 'reviewer', via: 'session', ip: null };

const CAPTIONS = [
  'a quiet beach at dawn', // 0: nothing
  'call (212) 555-0199 for prints', // 1: phone
  'mail jane.doe@example.org', // 2: e-mail
  'order 4111 1111 1111 1112 shipped', // 3: fails Luhn: nothing
  'card 4111 1111 1111 1111', // 4: card
  'IBAN DE89 3704 0044 0532 0130 00', // 5: iban
];
const PUNSAFE = [0.95, 0.2, 0.91, 0.9, 0.5, 0.99];
const PWATERMARK = [0.1, 0.97, 0.2, 0.3, 0.95, 0.1];
let ids: number[];

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('suggest');
  process.env.SIEVE_HOME = tmp.dir;
  await t.db.query("INSERT INTO users (id, name, email, role) VALUES ('rev', 'rev', 'rev@t.local', 'reviewer')");
  parquetWriteFile({
    filename: join(tmp.dir, 'part.parquet'),
    columnData: [
      { name: 'URL', data: CAPTIONS.map((_, i) => `https://example.com/${i}.jpg`), type: 'STRING' },
      { name: 'TEXT', data: CAPTIONS, type: 'STRING' },
      { name: 'punsafe', data: PUNSAFE, type: 'FLOAT' },
      { name: 'pwatermark', data: PWATERMARK, type: 'FLOAT' },
    ],
  });
  await ingestDataset(t.db, { path: join(tmp.dir, 'part.parquet'), dataset: 'd' });
  ids = (await t.db.query<{ id: number }>('SELECT id FROM pairs ORDER BY id')).map((r) => r.id);
  // No embeddings in this parquet, so no violence scores: two are set as lib/signals would have written them.
  await t.db.query('UPDATE pairs SET violence = CASE WHEN id = $1 THEN 0.97 ELSE 0.4 END WHERE id = ANY($2::bigint[])', [ids[3], [ids[3], ids[4]]]);
});
afterAll(async () => {
  await t?.close();
  await tmp?.cleanup();
});

const machineFlags = () =>
  t.db.query<{ pair_id: number; reason: string; state: string; note: string; created_by: string | null }>(
    "SELECT pair_id, reason, state, note, created_by FROM flags WHERE origin = 'machine' ORDER BY reason, pair_id",
  );

describe('suggestFlags', () => {
  it('suggests what passes each threshold and each caption with private data, as open machine flags', async () => {
    const summary = await suggestFlags(t.db, { dataset: 'd' });
    expect(summary.byRule).toEqual({ 'punsafe > 0.9': 3, 'violence > 0.9': 1, 'pwatermark > 0.9': 2, 'private data in captions': 4 });
    const flags = await machineFlags();
    const by = (reason: string) => flags.filter((f) => f.reason === reason).map((f) => f.pair_id);
    // 0.9 itself is not above 0.9 (compared as real, as stored).
    expect(by('sexual')).toEqual([ids[0], ids[2], ids[5]]);
    expect(by('violence')).toEqual([ids[3]]);
    expect(by('watermark')).toEqual([ids[1], ids[4]]);
    expect(by('pii')).toEqual([ids[1], ids[2], ids[4], ids[5]]);
    expect(flags.every((f) => f.state === 'open' && f.created_by === null)).toBe(true);
    expect(flags.find((f) => f.reason === 'sexual')!.note).toBe("Suggested by LAION's NSFW classifier (punsafe): 0.950 > 0.9");
    const pii = flags.filter((f) => f.reason === 'pii').map((f) => f.note);
    expect(pii[0]).toBe('Private data in the caption: phone number +1 ••••••••99 (characters 6–19)');
    expect(pii[1]).toContain('e-mail address j•••@e•••.org');
    expect(pii.join(' ')).not.toMatch(/jane|4111 1111|DE89 3704/);
    const events = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action = 'flag.suggest'");
    expect(events[0].n).toBe(10);
  });

  it('shows suggestions in the review queue as machine-made, and a re-run adds none, even after a rejection', async () => {
    const queue = await findReviewQueue(reviewer, { origin: 'machine', reason: 'pii' }, t.db);
    expect(queue.items.map((i) => i.pair.id)).toEqual([ids[1], ids[2], ids[4], ids[5]]);
    expect(queue.items.every((i) => i.flag.origin === 'machine' && i.flag.note?.startsWith('Private data in the caption'))).toBe(true);
    const [first] = await t.db.query<{ id: number }>("SELECT id FROM flags WHERE origin = 'machine' AND reason = 'pii' ORDER BY pair_id LIMIT 1");
    await decideFlag(t.db, reviewer, first.id, { decision: 'reject' });
    const again = await suggestFlags(t.db, { dataset: 'd' });
    expect(again.total).toBe(0);
    const [{ state }] = await t.db.query<{ state: string }>('SELECT state FROM flags WHERE id = $1', [first.id]);
    expect(state).toBe('rejected');
  });

  it('moves thresholds by option and refuses bad ones and unknown datasets with a clear message', async () => {
    const lower = await suggestFlags(t.db, { dataset: 'd', thresholds: { punsafe: 0.4 }, pii: false });
    expect(lower.byRule['punsafe > 0.4']).toBe(2); // the 0.9 and 0.5 pairs are new; the three above 0.9 had theirs
    await expect(suggestFlags(t.db, { dataset: 'd', thresholds: { violence: 2 } })).rejects.toThrow(/violence threshold must be a number from 0 to 1/);
    await expect(suggestFlags(t.db, { dataset: 'nope' })).rejects.toThrow(/dataset "nope" does not exist/);
  });

  it('runs as a job a curator queues for a dataset, refusing bad thresholds and unknown datasets before queueing', async () => {
    await t.db.query("DELETE FROM flags WHERE origin = 'machine' AND reason = 'watermark'");
    const curator: Actor = { ...reviewer, id: 'rev', role: 'curator' };
    await expect(queueSuggestions(t.db, curator, 'd', { pwatermark: 1.5 })).rejects.toThrow(/pwatermark/);
    await expect(queueSuggestions(t.db, curator, 'nope', {})).rejects.toThrow(/nope/);
    const { job } = await queueSuggestions(t.db, curator, 'd', { pii: false });
    expect(job).toMatchObject({ kind: 'suggest', state: 'queued' });
    const w = startSieveWorker(t.db, { log: () => undefined, pollMs: 10 });
    try {
      for (let i = 0; i < 3000 && !['done', 'failed'].includes((await getJob(job.id, t.db)).state); i++) await new Promise((res) => setTimeout(res, 20));
    } finally {
      await w.stop();
    }
    const done = await getJob(job.id, t.db);
    expect(done).toMatchObject({ state: 'done', message: '2 new suggestion(s) for review' });
    const rows = await t.db.query<{ job_id: number }>("SELECT job_id FROM flags WHERE origin = 'machine' AND reason = 'watermark'");
    expect(rows.map((r) => r.job_id)).toEqual([job.id, job.id]);
  });
});
