// GET /api/pairs/:id/thumbnail: a small WebP of a local image, cached on disk and in the browser, never for hidden pairs.
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDb } from '@/lib/db/get-db';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { makeTempDir } from '@/lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '@/lib/ingest/ingest-dataset';
import { DEMO_DIR } from '@/lib/ingest/load-demo';
import { writeFlags } from '@/lib/flags/write-flags';
import { GET } from './route';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let ids: number[];

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  // These tests are about the route's answers, asked anonymously; who may ask is app/api/access.int.test.ts.
  process.env.SIEVE_READ = 'public';
  tmp = await makeTempDir('thumbs');
  process.env.SIEVE_HOME = tmp.dir;
  await ingestDataset(t.db, { path: join(DEMO_DIR, 'photos'), dataset: 'photos' });
  await ingestDataset(t.db, { path: join(DEMO_DIR, 'laion-1k', 'test_1000.parquet'), dataset: 'remote' });
  ids = (await t.db.query<{ id: number }>("SELECT p.id FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'photos' ORDER BY p.id")).map((r) => r.id);
});
afterAll(async () => {
  setDb(undefined);
  delete process.env.SIEVE_READ;
  await t?.close();
  await tmp?.cleanup();
});

const get = (id: number | string, query = '') => GET(new Request(`http://sieve.test/api/pairs/${id}/thumbnail${query}`), { params: Promise.resolve({ id: String(id) }) });

describe('GET /api/pairs/:id/thumbnail', () => {
  it('answers a WebP of at most 256 px (512 on request) with long-lived private caching', async () => {
    for (const id of ids) {
      const res = await get(id, '?v=abc');
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/webp');
      expect(res.headers.get('cache-control')).toBe('private, max-age=31536000, immutable');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      const bytes = Buffer.from(await res.arrayBuffer());
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe('webp');
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(256);
      // The demo's originals run to 800 kB; a grid card's image stays small.
      expect(bytes.length).toBeLessThan(40_000);
    }
    const big = await sharp(Buffer.from(await (await get(ids[0], '?size=512')).arrayBuffer())).metadata();
    expect(Math.max(big.width!, big.height!)).toBe(512);
  });

  it('serves the second request from the disk cache with the same bytes and ETag', async () => {
    const a = await get(ids[1]);
    const b = await get(ids[1]);
    expect(b.headers.get('etag')).toBe(a.headers.get('etag'));
    expect(Buffer.from(await b.arrayBuffer()).equals(Buffer.from(await a.arrayBuffer()))).toBe(true);
  });

  it('is 404 for a pair hidden by a csam_suspected flag, even when its thumbnail was cached before', async () => {
    expect((await get(ids[2])).status).toBe(200);
    await writeFlags(t.db, { id: null, ip: null }, { pairIds: [ids[2]], reason: 'csam_suspected', note: null });
    const res = await get(ids[2]);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });

  it('is 404 for a pair without a local image and 400 for a bad size or id', async () => {
    const [remote] = await t.db.query<{ id: number }>('SELECT id FROM pairs WHERE image_path IS NULL LIMIT 1');
    expect((await get(remote.id)).status).toBe(404);
    expect((await get(999_999)).status).toBe(404);
    expect((await get(ids[0], '?size=4000')).status).toBe(400);
    expect((await get('abc')).status).toBe(400);
  });
});
