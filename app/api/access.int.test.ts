// Who may call what, on a real database: every changing route × every role, cross-site refusals, and public reading.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, roleAtLeast, type Role } from '@/lib/auth/roles';
import { setDb } from '@/lib/db/get-db';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { makeTempDir } from '@/lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '@/lib/ingest/ingest-dataset';
import { DEMO_DIR } from '@/lib/ingest/load-demo';
import { enqueueJob } from '@/lib/jobs/enqueue-job';
import { call, request, type As } from './__fixtures__/call-route';
import { findRoutes, MUTATING, type FoundHandler } from './__fixtures__/find-routes';
import { userWithRole } from './__fixtures__/sign-in';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
const cookies = {} as Record<Role, string>;
let victimId = '';

/** A request for each changing route that a permitted caller could send; a new route fails the test until it has one. */
function sample(r: FoundHandler): { path: string; params: Record<string, string>; body?: unknown } {
  switch (`${r.method} ${r.path}`) {
    case 'POST /api/search': return { path: '/api/search', params: {}, body: { keyword: 'cat' } };
    case 'POST /api/jobs/[id]/cancel': return { path: '/api/jobs/1/cancel', params: { id: '1' } };
    case 'POST /api/users': return { path: '/api/users', params: {}, body: { email: `m${Math.random()}@test.local`, role: 'viewer' } };
    case 'PATCH /api/users/[id]': return { path: `/api/users/${victimId}`, params: { id: victimId }, body: { role: 'viewer' } };
    case 'POST /api/tokens': return { path: '/api/tokens', params: {}, body: { name: 'matrix', role: 'viewer' } };
    case 'DELETE /api/tokens/[id]': return { path: '/api/tokens/999999', params: { id: '999999' } };
    case 'POST /api/takedowns': return { path: '/api/takedowns', params: {}, body: { kind: 'other', requester: 'x', items: [{ kind: 'url', value: 'https://x.example/1.jpg' }] } };
    case 'POST /api/takedowns/[id]/match': return { path: '/api/takedowns/999999/match', params: { id: '999999' } };
    case 'PATCH /api/takedowns/[id]/matches': return { path: '/api/takedowns/999999/matches', params: { id: '999999' }, body: { itemId: 1, excluded: true } };
    case 'POST /api/takedowns/[id]/apply': return { path: '/api/takedowns/999999/apply', params: { id: '999999' } };
    case 'POST /api/takedowns/[id]/close': return { path: '/api/takedowns/999999/close', params: { id: '999999' }, body: { action: 'close' } };
    case 'POST /api/blocklists': return { path: '/api/blocklists', params: {}, body: { name: 'matrix' } };
    case 'DELETE /api/blocklists/[id]': return { path: '/api/blocklists/999999', params: { id: '999999' } };
    case 'POST /api/opt-out': return { path: '/api/opt-out', params: {}, body: { name: 'n', contact: 'n@example.org', urls: ['https://x.example/2.jpg'], statement: 'Please remove it.' } };
    case 'POST /api/exports/diff': return { path: '/api/exports/diff', params: {}, body: { from: 999998, to: 999999 } };
    case 'POST /api/admin/hidden/evidence': return { path: '/api/admin/hidden/evidence', params: {}, body: { format: 'json' } };
    case 'POST /api/exports': return { path: '/api/exports', params: {}, body: { source: { kind: 'dataset', dataset: 'photos' }, format: 'csv' } };
    case 'POST /api/flags': return { path: '/api/flags', params: {}, body: { target: { kind: 'pairs', pairIds: [1] }, reason: 'watermark' } };
    case 'POST /api/flags/preview': return { path: '/api/flags/preview', params: {}, body: { kind: 'query', query: { dataset: 'photos' } } };
    case 'DELETE /api/flags/[id]': return { path: '/api/flags/999999', params: { id: '999999' } };
    case 'POST /api/flags/[id]/decision': return { path: '/api/flags/999999/decision', params: { id: '999999' }, body: { decision: 'confirm' } };
    case 'POST /api/flags/[id]/undo': return { path: '/api/flags/999999/undo', params: { id: '999999' } };
    case 'POST /knn-service': return { path: '/knn-service', params: {}, body: { embedding_input: [0.1, 0.2], num_images: 1, indice_name: 'photos' } };
    case 'POST /metadata': return { path: '/metadata', params: {}, body: { ids: [1, 2] } };
    case 'POST /api/datasets/[name]/suggest': return { path: '/api/datasets/photos/suggest', params: { name: 'photos' }, body: { pii: false } };
    case 'POST /api/datasets/[name]/concept-rules': return { path: '/api/datasets/photos/concept-rules', params: { name: 'photos' }, body: {} };
    case 'POST /api/concept-rules': return { path: '/api/concept-rules', params: {}, body: { name: `m${Math.random()}`, prompt: 'a cat', threshold: 0.2, reason: 'other' } };
    case 'DELETE /api/concept-rules/[id]': return { path: '/api/concept-rules/999999', params: { id: '999999' } };
    case 'POST /api/concept-rules/import-laion': return { path: '/api/concept-rules/import-laion', params: {} };
    default: throw new Error(`add a sample request for ${r.method} ${r.path} to the access matrix`);
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  tmp = await makeTempDir('access');
  process.env.SIEVE_HOME = tmp.dir;
  process.env.SIEVE_READ = 'signed-in';
  await ingestDataset(t.db, { path: `${DEMO_DIR}/photos`, dataset: 'photos' });
  await enqueueJob(t.db, { kind: 'embed', params: { dataset: 'photos' } });
  for (const role of ROLES) cookies[role] = (await userWithRole(t.db, role)).cookie;
  victimId = (await userWithRole(t.db, 'viewer', 'victim@test.local')).id;
});
afterAll(async () => {
  setDb(undefined);
  delete process.env.SIEVE_READ;
  await t?.close();
  await tmp?.cleanup();
});

describe('the role matrix', async () => {
  // Routes under /t/[token]/ take their caller from the token in the path, not from cookies:
  // app/clip-retrieval.int.test.ts covers them.
  const changing = (await findRoutes()).filter((r) => MUTATING.has(r.method) && r.handler.access && !r.handler.access.urlToken && r.path !== '/api/auth/[...all]');
  const cases = changing.flatMap((r) => [null, ...ROLES].map((role) => [`${r.method} ${r.path} as ${role ?? 'anonymous'}`, r, role] as const));

  it.each(cases)('%s', async (_, r, role) => {
    const s = sample(r);
    const res = await call(r.handler, request(r.method, s.path, s.body, role ? { cookie: cookies[role] } : {}), s.params);
    const need = r.handler.access.role as Role;
    if (r.handler.access.openToAnyone) expect([401, 403]).not.toContain(res.status);
    else if (role === null) expect(res.status).toBe(401);
    else if (!roleAtLeast(role, need)) expect(res.status).toBe(403);
    else expect([401, 403]).not.toContain(res.status);
    expect(res.headers.get('content-type')).toMatch(/json/);
  });
});

describe('cross-site requests', async () => {
  const route = (await findRoutes()).find((r) => r.method === 'POST' && r.path === '/api/tokens')!;
  const post = (as: As) => call(route.handler, request('POST', '/api/tokens', { name: 'csrf' }, as));

  it('are refused with a valid cookie, whatever they claim', async () => {
    for (const as of [
      { cookie: cookies.admin, origin: 'https://evil.example' },
      { cookie: cookies.admin, origin: 'http://127.0.0.1:3001' },
      { cookie: cookies.admin, origin: null },
      { cookie: cookies.admin, origin: null, secFetchSite: 'cross-site' },
      { cookie: cookies.admin, origin: null, secFetchSite: 'same-site' },
    ]) {
      const res = await post(as);
      expect(res.status, JSON.stringify(as)).toBe(403);
      expect((await res.json()).error.message).toMatch(/Cross-site request refused/);
    }
    expect(await t.db.query("SELECT 1 FROM api_tokens WHERE name = 'csrf'")).toHaveLength(0);
  });

  it("go through from Sieve's own pages; a token (which a browser never sends by itself) passes the check but may not make tokens", async () => {
    expect((await post({ cookie: cookies.viewer })).status).toBe(200);
    expect((await post({ cookie: cookies.viewer, origin: null, secFetchSite: 'same-origin' })).status).toBe(200);
    const { secret } = (await (await post({ cookie: cookies.viewer })).json()) as { secret: string };
    const byToken = await post({ token: secret, origin: null });
    expect(byToken.status).toBe(403);
    expect((await byToken.json()).error.message).toMatch(/A token cannot create tokens/);
  });
});

describe('who may read', async () => {
  const routes = await findRoutes();
  const get = (path: string) => routes.find((r) => r.method === 'GET' && r.path === path)!.handler;
  const search = routes.find((r) => r.method === 'POST' && r.path === '/api/search')!.handler;
  const tokens = routes.find((r) => r.method === 'POST' && r.path === '/api/tokens')!.handler;

  it('signed-in (the default): anonymous visitors get 401 everywhere but health and who-am-I', async () => {
    expect((await call(get('/api/pairs'), request('GET', '/api/pairs'))).status).toBe(401);
    expect((await call(search, request('POST', '/api/search', { keyword: 'cat' }))).status).toBe(401);
    expect((await call(get('/api/health'), request('GET', '/api/health'))).status).toBe(200);
    expect((await call(get('/api/me'), request('GET', '/api/me'))).status).toBe(200);
    expect((await call(get('/api/pairs'), request('GET', '/api/pairs', undefined, { cookie: cookies.viewer }))).status).toBe(200);
  });

  it('public: anonymous visitors browse and search as viewers, and still change nothing', async () => {
    process.env.SIEVE_READ = 'public';
    try {
      expect((await call(get('/api/pairs'), request('GET', '/api/pairs'))).status).toBe(200);
      expect((await call(search, request('POST', '/api/search', { keyword: 'cat' }))).status).toBe(200);
      expect((await call(tokens, request('POST', '/api/tokens', { name: 'anon' }))).status).toBe(401);
      expect((await call(get('/api/audit'), request('GET', '/api/audit'))).status).toBe(401);
    } finally {
      process.env.SIEVE_READ = 'signed-in';
    }
  });
});
