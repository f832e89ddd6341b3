// POST /api/search over HTTP semantics: uploads, refused URLs, image sizes and every 4xx answer; never a 500 for user input.
import { readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { setDb } from '@/lib/db/get-db';
import { embedDataset } from '@/lib/embeddings/embed-dataset';
import { pngDeclaring } from '@/lib/images/__fixtures__/png-declaring';
import { makeTempDir } from '@/lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '@/lib/ingest/ingest-dataset';
import { DEMO_DIR } from '@/lib/ingest/load-demo';
import { useTinyClip } from '@/lib/search/__fixtures__/use-tiny-clip';
import type { SearchResponse } from '@/lib/search/schemas';
import { POST } from './route';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let png: Buffer;
const servers: http.Server[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  // These tests are about the route's answers, asked anonymously; who may ask is app/api/access.int.test.ts.
  process.env.SIEVE_READ = 'public';
  tmp = await makeTempDir('search-route');
  process.env.SIEVE_HOME = tmp.dir;
  await useTinyClip(join(tmp.dir, 'tiny-clip'));
  await ingestDataset(t.db, { path: join(DEMO_DIR, 'photos'), dataset: 'photos' });
  await embedDataset(t.db, { dataset: 'photos' });
  png = await readFile(join(DEMO_DIR, 'photos', '00000', '000000004.png'));
});
afterAll(async () => {
  for (const s of servers) s.close();
  delete process.env.SIEVE_MODEL_DIR;
  delete process.env.SIEVE_FETCH_ALLOW;
  setDb(undefined);
  delete process.env.SIEVE_READ;
  await t?.close();
  await rm(tmp.dir, { recursive: true, force: true });
});

const json = (body: unknown) => POST(new Request('http://sieve.test/api/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

function upload(bytes: Uint8Array, query: unknown = { dataset: 'photos' }, name = 'upload.png') {
  const form = new FormData();
  form.set('query', JSON.stringify(query));
  form.set('image', new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
  return POST(new Request('http://sieve.test/api/search', { method: 'POST', body: form }));
}

async function expectError(res: Response, status: number, message: RegExp) {
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect({ status: res.status, message: body.error.message }).toEqual({ status, message: expect.stringMatching(message) });
}

/** A local server that would answer with a PNG (or redirect), recording whether anyone asked. */
async function serve(handler: http.RequestListener = (_q, s) => s.writeHead(200, { 'content-type': 'image/png' }).end(png)) {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req.url ?? '');
    handler(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, hits };
}

describe('POST /api/search', () => {
  it('searches by an uploaded image (multipart) and finds that photo first', async () => {
    const res = await upload(png);
    expect(res.status).toBe(200);
    const body = (await res.json()) as SearchResponse;
    expect(body.mode).toBe('semantic');
    expect(body.hits[0].caption).toBe('a black-and-white silhouette of a horse');
    expect(body.tookMs).toBeGreaterThanOrEqual(0);
  });

  it('returns the image query vector, which gets the next pages without uploading the image again', async () => {
    const all = (await (await upload(png, { dataset: 'photos', limit: 8 })).json()) as SearchResponse;
    const first = (await (await upload(png, { dataset: 'photos', limit: 3 })).json()) as SearchResponse;
    expect(first.queryEmbedding).toHaveLength(32);
    const rest = (await (await json({ dataset: 'photos', limit: 5, embedding: first.queryEmbedding, cursor: first.nextCursor })).json()) as SearchResponse;
    expect([...first.hits, ...rest.hits].map((h) => h.id)).toEqual(all.hits.map((h) => h.id));
    expect(rest.queryEmbedding).toBeUndefined();
  });

  it('answers 400 for a body that is not JSON, or not a valid query', async () => {
    await expectError(await POST(new Request('http://sieve.test/api/search', { method: 'POST', body: '{nope' })), 400, /JSON/);
    await expectError(await json({ limit: 1_001 }), 400, /^limit: a page holds at most 1,000 hits; nextCursor gets the next page/);
    await expectError(await json({ limit: 251, dedupe: true }), 400, /^limit: with dedupe, a page holds at most 250 hits; nextCursor gets the next page/);
    expect((await json({ limit: 250, dedupe: true })).status).toBe(200);
    expect((await json({ limit: 1_000 })).status).toBe(200);
    await expectError(await json({ text: 42 }), 400, /^text: /);
    await expectError(await json({ punsafeMax: 2 }), 400, /^punsafeMax: /);
    await expectError(await json({ text: 'a cat', pairId: 1 }), 400, /one of text, image, imageUrl, pairId or embedding/);
  });

  it('answers 400 for a wrong-dimension embedding and an unknown pair, 404 for an unknown dataset', async () => {
    await expectError(await json({ dataset: 'photos', embedding: [0.1, 0.2, 0.3] }), 400, /3 dimensions; dataset "photos" has 32/);
    await expectError(await json({ pairId: 987654 }), 400, /pair 987654 does not exist/);
    await expectError(await json({ dataset: 'nope', text: 'x' }), 404, /dataset "nope" does not exist/);
  });

  it('refuses an upload that is not a supported image (415), whatever its name, one over 10 MB and one declaring too many pixels (413)', async () => {
    await expectError(await upload(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'), undefined, 'cat.png'), 415, /not a JPEG, PNG, WebP or GIF/);
    await expectError(await upload(new Uint8Array(10 * 1024 * 1024 + 1)), 413, /larger than 10 MB/);
    // A few hundred bytes declaring 16,000 × 16,000 pixels (a gigabyte decoded) is refused from its header.
    await expectError(await upload(pngDeclaring(16_000, 16_000)), 413, /declares 16,000 × 16,000 pixels; at most 100 megapixels/);
  });

  it('refuses image URLs on loopback, private and link-local addresses without connecting', async () => {
    const local = await serve();
    for (const url of [`http://127.0.0.1:${local.port}/x.png`, 'http://10.1.2.3/x.png', 'http://169.254.169.254/latest/meta-data', `http://[::1]:${local.port}/x.png`, `http://localhost:${local.port}/x.png`]) {
      await expectError(await json({ dataset: 'photos', imageUrl: url }), 400, /private or reserved address$/);
    }
    expect(local.hits).toEqual([]);
  });

  it('refuses a redirect to such an address, even from an allowed image server', async () => {
    const target = await serve();
    const mirror = await serve((_q, s) => s.writeHead(302, { location: `http://127.0.0.1:${target.port}/x.png` }).end());
    process.env.SIEVE_FETCH_ALLOW = `127.0.0.1:${mirror.port}`;
    await expectError(await json({ dataset: 'photos', imageUrl: `http://127.0.0.1:${mirror.port}/x.png` }), 400, /redirected from .* private or reserved address$/);
    expect(target.hits).toEqual([]);
    expect(mirror.hits).toEqual(['/x.png']);
  });

  it('searches by an image URL that the server may fetch', async () => {
    const mirror = await serve();
    process.env.SIEVE_FETCH_ALLOW = `127.0.0.1:${mirror.port}`;
    const res = await json({ dataset: 'photos', imageUrl: `http://127.0.0.1:${mirror.port}/horse.png`, limit: 1 });
    expect(res.status).toBe(200);
    expect(((await res.json()) as SearchResponse).hits[0].caption).toBe('a black-and-white silhouette of a horse');
  });
});
