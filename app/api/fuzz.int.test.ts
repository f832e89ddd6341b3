// Every route under malformed input (seeded fast-check): bodies, query strings, path parameters and headers, as an
// admin, anonymously and with a bad token. No answer is a 5xx, every error is JSON with a code and a message, a
// rejected request changes no row of any table, and the server still answers afterwards.
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '@/lib/auth/create-token';
import type { Actor } from '@/lib/auth/schemas';
import { setDb } from '@/lib/db/get-db';
import { embedDataset } from '@/lib/embeddings/embed-dataset';
import { makeTempDir } from '@/lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '@/lib/ingest/ingest-dataset';
import { DEMO_DIR } from '@/lib/ingest/load-demo';
import { useTinyClip } from '@/lib/search/__fixtures__/use-tiny-clip';
import type { SearchResponse } from '@/lib/search/schemas';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { call, request } from './__fixtures__/call-route';
import { findRoutes, MUTATING, type FoundHandler } from './__fixtures__/find-routes';
import { fuzzRequests, type FuzzCallers } from './__fixtures__/fuzz-requests';
import { userWithRole } from './__fixtures__/sign-in';
import { changedTables, checksumQuery, type Checksums } from './__fixtures__/table-checksums';

/** Generated requests per route handler, at most. */
const RUNS = Number(process.env.SIEVE_FUZZ_RUNS ?? 25);
const SEED = Number(process.env.SIEVE_FUZZ_SEED ?? 20261126);
/**
 * Time for all routes together, shared out as they go (what a fast route leaves, the slower ones get): the whole
 * file stays under a minute on every back end. Server and embedded PGlite send all runs (~1,800 requests); on Citus,
 * where a request and a checksum cost several distributed queries, fewer fit (the figures printed at the end say).
 */
const BUDGET_MS = Number(process.env.SIEVE_FUZZ_BUDGET_MS ?? 22_000);
/** Requests every route gets, whatever the time. */
const MIN_RUNS = 5;

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let callers: FuzzCallers;
let sums: () => Promise<Checksums>;
let baseline: Checksums;
let backEnd = '';
const tally = { sent: 0, accepted: 0, routes: 0, statuses: {} as Record<number, number> };

// Answers that are not JSON, on success: images and downloads (and CORS preflights, which have no body).
const OTHER_TYPES = /^(image\/|text\/csv|application\/(x-ndjson|octet-stream|vnd\.apache\.parquet|zip|gzip|x-tar))/;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  tmp = await makeTempDir('fuzz');
  process.env.SIEVE_HOME = tmp.dir;
  // Public reading, so anonymous requests reach the read routes' schemas too; changes still need a role.
  process.env.SIEVE_READ = 'public';
  // The limits would turn most of the admin's requests into 429s before their input is read: they have their own test.
  process.env.SIEVE_RATE_LIMIT_SEARCH = '0';
  process.env.SIEVE_RATE_LIMIT_UPLOAD = '0';
  process.env.SIEVE_RATE_LIMIT_SCAN = '0';
  // Embedded (a generated tiny CLIP), so the searches by meaning get past "no embeddings yet" into their own code.
  await useTinyClip(join(tmp.dir, 'tiny-clip'));
  await ingestDataset(t.db, { path: join(DEMO_DIR, 'photos'), dataset: 'photos' });
  await embedDataset(t.db, { dataset: 'photos' });
  const admin = await userWithRole(t.db, 'admin');
  const spare = await userWithRole(t.db, 'viewer', 'spare@test.local');
  // The generated ids are small or past a million: the fuzz's own tokens sit where none lands, so an accepted
  // DELETE /api/tokens/<id> never ends them.
  await t.db.query("SELECT setval(pg_get_serial_sequence('api_tokens', 'id'), 2000000000)");
  const asAdmin: Actor = { kind: 'user', id: admin.id, email: 'admin@test.local', name: 'admin', role: 'admin', via: 'session', ip: null };
  const adminToken = await createToken(t.db, asAdmin, { name: 'fuzz-admin', role: 'admin' });
  const viewerToken = await createToken(t.db, asAdmin, { name: 'fuzz-viewer', role: 'viewer' });
  callers = { admin: { cookie: admin.cookie, token: adminToken.secret }, viewerToken: viewerToken.secret, spareCookie: spare.cookie };
  backEnd = (await t.db.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'")).length > 0 ? 'citus' : t.kind;
  sums = await checksumQuery(t.db);
  baseline = await sums();
});
afterAll(async () => {
  console.log(`[fuzz] ${backEnd}: ${tally.sent} requests to ${tally.routes} route handlers, ${tally.accepted} accepted (2xx/3xx), by status ${JSON.stringify(tally.statuses)}`);
  setDb(undefined);
  for (const k of ['SIEVE_READ', 'SIEVE_RATE_LIMIT_SEARCH', 'SIEVE_RATE_LIMIT_UPLOAD', 'SIEVE_RATE_LIMIT_SCAN', 'SIEVE_MODEL_DIR']) delete process.env[k];
  await t?.close();
  await tmp?.cleanup();
});

async function checkAnswer(r: FoundHandler, res: Response, label: string): Promise<void> {
  tally.statuses[res.status] = (tally.statuses[res.status] ?? 0) + 1;
  const type = res.headers.get('content-type') ?? '';
  const text = await res.text();
  expect(res.status, label).toBeLessThan(500);
  if (r.path === '/api/auth/[...all]') {
    // better-auth's own answers: JSON when they have a body ({ code?, message } for errors).
    if (text && res.status >= 400) expect(typeof JSON.parse(text).message, label).toBe('string');
    return;
  }
  if (res.status >= 400) {
    expect(type, label).toMatch(/json/);
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    expect(typeof body.error?.code, label).toBe('string');
    expect(typeof body.error?.message, label).toBe('string');
  } else if (text !== '' && !OTHER_TYPES.test(type)) {
    expect(type, label).toMatch(/json/);
    JSON.parse(text);
  }
}

describe('fuzzing every route', async () => {
  const routes = await findRoutes();

  let started = 0;

  it.each(routes.map((r, i) => [`${r.method} ${r.path}`, r, i] as const))('%s', async (_, r, i) => {
    started ||= Date.now();
    const deadline = Date.now() + (BUDGET_MS - (Date.now() - started)) / (routes.length - i);
    tally.routes++;
    const changes = MUTATING.has(r.method);
    // Generated up front from the seed and sent one by one, each awaited: a time limit that abandoned a request in
    // flight would let its writes land during the next route's check.
    const inputs = fc.sample(fuzzRequests(r, callers), { seed: SEED + i, numRuns: RUNS });
    for (const [n, { request: req, params, label }] of inputs.entries()) {
      if (n >= MIN_RUNS && Date.now() > deadline) break;
      const res = await call(r.handler, req, params);
      tally.sent++;
      await checkAnswer(r, res, label);
      if (!changes) continue;
      // A generated request may be valid by chance: then its changes are the new baseline.
      const now = await sums();
      if (res.status < 400) {
        tally.accepted++;
        if (process.env.SIEVE_FUZZ_VERBOSE) console.log(`[fuzz] accepted ${res.status}, changed ${changedTables(baseline, now).join(' ') || 'nothing'}: ${label}`);
        baseline = now;
      } else expect(changedTables(baseline, now), `a rejected request changed rows: ${label}`).toEqual([]);
    }
    // Reads change nothing, accepted or not: one comparison per route.
    if (!changes) expect(changedTables(baseline, await sums()), `${r.method} ${r.path} changed rows`).toEqual([]);
  });

  it('takes a session cookie sent to a host Sieve does not answer at for no session (it was a 500)', async () => {
    const me = routes.find((r) => r.method === 'GET' && r.path === '/api/me')!.handler;
    for (const host of ['evil.example', 'evil.example:3000', '']) {
      const req = request('GET', '/api/me', undefined, { cookie: callers.admin.cookie });
      req.headers.set('host', host);
      const res = await call(me, req);
      expect(res.status, host).toBe(200);
      expect(((await res.json()) as { user: unknown }).user, host).toBeNull();
    }
  });

  it('refuses NUL characters with a 400 and writes nothing (a token or rule name with one was a 500)', async () => {
    const post = (path: string) => routes.find((r) => r.method === 'POST' && r.path === path)!.handler;
    const before = await sums();
    for (const [path, body] of [['/api/tokens', { name: 'a\u0000', role: 'viewer' }], ['/api/concept-rules', { name: 'r\u0000', prompt: 'a cat', threshold: 0.2, reason: 'other' }], ['/api/search', { keyword: 'cat\u0000' }]] as const) {
      const res = await call(post(path), request('POST', path, body, { token: callers.admin.token }));
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, path).toMatch(/^body: text may not contain NUL/);
    }
    const pairs = routes.find((r) => r.method === 'GET' && r.path === '/api/pairs')!.handler;
    expect((await call(pairs, request('GET', '/api/pairs?dataset=a%00b', undefined, { token: callers.admin.token }))).status).toBe(400);
    expect(changedTables(before, await sums())).toEqual([]);
  });

  it("answers better-auth's endpoints at a host Sieve does not answer at with a JSON 400 (it threw: a 500)", async () => {
    const auth = routes.find((r) => r.method === 'GET' && r.path === '/api/auth/[...all]')!.handler;
    for (const host of ['4WJ', 'evil.example', 'localhost:*']) {
      const req = request('GET', '/api/auth/get-session');
      req.headers.set('host', host);
      const res = await call(auth, req);
      expect(res.status, host).toBe(400);
      expect(((await res.json()) as { message: string }).message, host).toMatch(/does not answer at the host/);
    }
  });

  it('still answers known-good requests afterwards', async () => {
    const get = (path: string) => routes.find((r) => r.method === 'GET' && r.path === path)!.handler;
    const post = (path: string) => routes.find((r) => r.method === 'POST' && r.path === path)!.handler;
    expect((await call(get('/api/health'), request('GET', '/api/health'))).status).toBe(200);
    // What it finds depends on what the accepted requests changed (LAION's concept rules hide pairs): only its shape is known.
    const search = await call(post('/api/search'), request('POST', '/api/search', { keyword: 'cat', dataset: 'photos' }, { token: callers.admin.token }));
    expect(search.status).toBe(200);
    expect((await search.json()) as SearchResponse).toMatchObject({ dataset: { name: 'photos' }, mode: 'keyword', hits: expect.any(Array) });
    const clip = await call(post('/knn-service'), request('POST', '/knn-service', { text: 'cat', modality: 'image', num_images: 10, indice_name: 'photos' }, { token: callers.admin.token }));
    expect(clip.status, await clip.clone().text()).toBe(200);
    expect(Array.isArray(await clip.json())).toBe(true);
    const me = await call(get('/api/me'), request('GET', '/api/me', undefined, { cookie: callers.admin.cookie }));
    expect(((await me.json()) as { user: { role: string } }).user.role).toBe('admin');
    expect(tally.sent).toBeGreaterThan(routes.length);
  });
});
