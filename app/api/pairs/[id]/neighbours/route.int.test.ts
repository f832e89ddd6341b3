// GET /api/pairs/:id/neighbours: the pair's neighbours by image and caption, 404 for a pair that does not exist.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDb } from '@/lib/db/get-db';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { makeTempDir } from '@/lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '@/lib/ingest/ingest-dataset';
import { DEMO_DIR } from '@/lib/ingest/load-demo';
import type { PairNeighbours } from '@/lib/similar/neighbour-schemas';
import { GET } from './route';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let ids: number[];

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  // Asked anonymously: who may ask is app/api/access.int.test.ts.
  process.env.SIEVE_READ = 'public';
  tmp = await makeTempDir('neighbours-route');
  process.env.SIEVE_HOME = tmp.dir;
  await ingestDataset(t.db, { path: join(DEMO_DIR, 'clip-photos'), dataset: 'clip-photos' });
  ids = (await t.db.query<{ id: number }>('SELECT id FROM pairs ORDER BY source_row')).map((r) => r.id);
});
afterAll(async () => {
  setDb(undefined);
  delete process.env.SIEVE_READ;
  await t?.close();
  await tmp?.cleanup();
});

const get = (id: number | string) => GET(new Request(`http://sieve.test/api/pairs/${id}/neighbours`), { params: Promise.resolve({ id: String(id) }) });

describe('GET /api/pairs/:id/neighbours', () => {
  it('answers the image neighbours, and why there are no caption neighbours', async () => {
    const res = await get(ids[0]);
    expect(res.status).toBe(200);
    const body = (await res.json()) as PairNeighbours;
    expect(body.pairId).toBe(ids[0]);
    expect(body.image.items.map((h) => h.id)).toHaveLength(6);
    expect(body.image.items[0].id).toBe(ids[5]);
    expect(body.text).toEqual({ modality: 'text', items: [], reason: `Pair ${ids[0]} has no caption embedding to compare.` });
  });

  it('is 404 for a pair that does not exist and 400 for an id that is not one', async () => {
    const res = await get(999_999);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: 'not_found', message: 'pair 999999 does not exist' } });
    expect((await get('abc')).status).toBe(400);
  });
});
