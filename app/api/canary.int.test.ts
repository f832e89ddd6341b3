// The canary: a pair to be hidden whose every field and extra column holds a marker, its URL twin and a re-hosted
// look-alike. Every route (GET, and the POSTs that only read) as anonymous, viewer, curator, reviewer, admin and with
// a token, every export and its download, removal lists, takedown evidence, backups, the audit trail, jobs, the CLI's
// outputs and the files under the data folder are searched for the markers. Before the flag (the negative control)
// the walk must see them everywhere they belong; after it, nowhere but the review item's caption (for reviewers) and
// the admin's evidence file.
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '@/lib/auth/create-token';
import type { Actor } from '@/lib/auth/schemas';
import type { Role } from '@/lib/auth/roles';
import { setDb } from '@/lib/db/get-db';
import { createExport } from '@/lib/export/create-export';
import { ExportRequest, type ExportRequestInput } from '@/lib/export/schemas';
import { makeTempDir } from '@/lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '@/lib/ingest/ingest-dataset';
import { DEMO_DIR } from '@/lib/ingest/load-demo';
import { startSieveWorker } from '@/lib/server/start-server-worker';
import { runSieve } from '@/lib/cli/__fixtures__/run-sieve';
import { useTinyClip } from '@/lib/search/__fixtures__/use-tiny-clip';
import { createTakedown } from '@/lib/takedowns/create-takedown';
import { matchTakedown } from '@/lib/takedowns/match-takedown';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { allMarkers, markersOf, writeCanaryFolder, type CanaryRole } from './__fixtures__/canary-data';
import { call, request, type As } from './__fixtures__/call-route';
import { findRoutes, type FoundHandler } from './__fixtures__/find-routes';
import { filesUnder, textOf } from './__fixtures__/leak-scan';
import { userWithRole } from './__fixtures__/sign-in';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let home: string;
const callers: Record<string, As> = {};
const ids = {} as Record<CanaryRole | 'innocent' | 'clipCopy', number>;
let sourceVector: number[];
let routes: FoundHandler[];
const made = { exports: [] as number[], takedowns: [] as number[], viewerToken: '' };
const MARKERS = allMarkers();

const actorOf = (id: string, role: Role): Actor => ({ kind: 'user', id, email: `${role}@test.local`, name: role, role, via: 'session', ip: null });

async function runJobs() {
  const worker = startSieveWorker(t.db, { pollMs: 50, log: () => undefined });
  await worker.idle();
  await worker.stop();
}

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  tmp = await makeTempDir('canary');
  home = join(tmp.dir, 'home');
  process.env.SIEVE_HOME = home;
  process.env.SIEVE_READ = 'public';
  process.env.SIEVE_RATE_LIMIT_SEARCH = '0';
  process.env.SIEVE_RATE_LIMIT_UPLOAD = '0';
  process.env.SIEVE_RATE_LIMIT_SCAN = '0';
  await useTinyClip(join(tmp.dir, 'tiny-clip'), 512);
  await writeCanaryFolder(join(tmp.dir, 'canary'));
  await ingestDataset(t.db, { path: join(tmp.dir, 'canary'), dataset: 'canary' });
  // Another dataset of the same model holding the photo the marked rows copy: a look-alike there too.
  // (A copy: the hiding job deletes hidden pairs' local images, and the demo's own files must stay.)
  await cp(join(DEMO_DIR, 'clip-photos'), join(tmp.dir, 'clip-photos'), { recursive: true });
  await ingestDataset(t.db, { path: join(tmp.dir, 'clip-photos'), dataset: 'clip' });
  const rows = await t.db.query<{ id: number; caption: string; dataset: string; v: string }>(
    'SELECT p.id, p.caption, d.name AS dataset, p.img_emb::text AS v FROM pairs p JOIN datasets d ON d.id = p.dataset_id ORDER BY p.id',
  );
  for (const role of ['source', 'twin', 'look'] as const) ids[role] = rows.find((r) => r.caption === markersOf(role).caption)!.id;
  ids.innocent = rows.find((r) => r.dataset === 'canary' && r.caption.startsWith('an innocent'))!.id;
  ids.clipCopy = rows.filter((r) => r.dataset === 'clip').at(-1)!.id;
  sourceVector = JSON.parse(rows.find((r) => r.id === ids.source)!.v) as number[];

  const users: Record<string, { id: string; cookie: string }> = {};
  for (const role of ['viewer', 'curator', 'reviewer', 'admin'] as const) users[role] = await userWithRole(t.db, role);
  const admin = actorOf(users.admin.id, 'admin');
  made.viewerToken = (await createToken(t.db, admin, { name: 'canary-viewer', role: 'viewer' })).secret;
  Object.assign(callers, {
    anonymous: {}, viewer: { cookie: users.viewer.cookie }, curator: { cookie: users.curator.cookie }, reviewer: { cookie: users.reviewer.cookie },
    admin: { cookie: users.admin.cookie }, token: { token: (await createToken(t.db, admin, { name: 'canary-admin', role: 'admin' })).secret },
  });

  // What exists before the flag and must follow the rule after it: exports of every format, a takedown naming the
  // pair's URL, the audit events of all of it.
  const curator = actorOf(users.curator.id, 'curator');
  const requests: ExportRequestInput[] = [
    ...(['parquet', 'jsonl', 'csv', 'urls', 'npy'] as const).map((format) => ({ source: { kind: 'dataset' as const, dataset: 'canary' }, rule: { keep: 'none' as const }, format })),
    { source: { kind: 'query', query: { dataset: 'canary', keyword: 'photo' } }, format: 'csv' },
  ];
  for (const r of requests) made.exports.push((await createExport(t.db, curator, ExportRequest.parse(r))).id);
  const takedown = await createTakedown(t.db, curator, { kind: 'other', requester: 'canary', items: [{ kind: 'url', value: markersOf('source').url }, { kind: 'key', value: markersOf('look').key }] });
  made.takedowns.push(takedown);
  await matchTakedown(t.db, curator, takedown);
  await runJobs();
  routes = await findRoutes();
});
afterAll(async () => {
  setDb(undefined);
  for (const k of ['SIEVE_READ', 'SIEVE_RATE_LIMIT_SEARCH', 'SIEVE_RATE_LIMIT_UPLOAD', 'SIEVE_RATE_LIMIT_SCAN', 'SIEVE_MODEL_DIR']) delete process.env[k];
  await t?.close();
  await tmp?.cleanup();
});

/** Values for a route's path parameters, by the folder before them. */
async function paramValues(path: string): Promise<Record<string, string>[]> {
  const many = async (sql: string) => (await t.db.query<{ id: number }>(sql)).map((r) => String(r.id));
  const pairs = [ids.source, ids.twin, ids.look, ids.innocent, ids.clipCopy].map(String);
  const byFolder: Record<string, () => Promise<string[]>> = {
    pairs: async () => pairs,
    datasets: async () => ['canary', 'clip'],
    exports: async () => many('SELECT id FROM exports ORDER BY id'),
    flags: async () => many('SELECT id FROM flags ORDER BY id'),
    jobs: async () => many('SELECT id FROM jobs ORDER BY id'),
    takedowns: async () => many('SELECT id FROM takedowns ORDER BY id'),
    tokens: async () => many('SELECT id FROM api_tokens ORDER BY id'),
    users: async () => (await t.db.query<{ id: string }>('SELECT id FROM users ORDER BY id')).map((r) => r.id),
    'concept-rules': async () => many('SELECT id FROM concept_rules ORDER BY id'),
    'opt-out': async () => ['0123456789abcdef0123'],
    t: async () => [made.viewerToken],
    auth: async () => ['get-session'],
  };
  let combos: Record<string, string>[] = [{}];
  const segments = path.split('/');
  for (const [i, s] of segments.entries()) {
    const m = /^\[(?:\.\.\.)?(\w+)\]$/.exec(s);
    if (!m) continue;
    const values = await (byFolder[segments[i - 1]] ?? (async () => ['1']))();
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [m[1]]: v })));
  }
  return combos;
}

const fill = (path: string, params: Record<string, string>) => path.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, k: string) => encodeURIComponent(params[k]));

/** Query strings a GET route is also asked with, beyond none. */
const QUERIES: Record<string, string[]> = {
  '/api/pairs': ['?dataset=canary&pageSize=500', '?dataset=clip'],
  '/api/audit': ['?limit=500', '?format=csv', '?format=jsonl'],
  '/api/review': ['?reason=csam_suspected', '?dataset=canary'],
  '/api/jobs': ['?active=1'],
  '/api/search/status': ['?dataset=canary'],
  '/api/takedowns/[id]/evidence': ['?format=csv'],
  '/api/pairs/[id]/thumbnail': ['?size=512'],
};

/** The POSTs that only read, with the bodies to send. */
function readBodies(): Record<string, unknown[]> {
  const any = { flagState: 'any' };
  const knn = (q: object) => ({ ...q, indice_name: 'canary', modality: 'image', num_images: 50, num_result_ids: 50 });
  const knnBodies = [knn({ embedding_input: sourceVector }), knn({ text: 'a photo' }), knn({ embedding_input: sourceVector, deduplicate: true }), { ...knn({ embedding_input: sourceVector }), indice_name: 'clip' }];
  const allIds = [ids.source, ids.twin, ids.look, ids.innocent, ids.clipCopy];
  return {
    '/api/search': [
      { dataset: 'canary', ...any, limit: 100 }, { dataset: 'canary', keyword: 'cnrycaptionsource', ...any }, { dataset: 'canary', keyword: 'photo', ...any },
      { dataset: 'canary', text: 'a photo', ...any }, { dataset: 'canary', pairId: ids.innocent, ...any, dedupe: true }, { dataset: 'canary', pairId: ids.source, ...any },
      { dataset: 'canary', embedding: sourceVector, ...any }, { dataset: 'clip', embedding: sourceVector, ...any }, { dataset: 'canary', domain: 'cnryhostsource.example', ...any },
      { dataset: 'canary', license: 'cnrylicensesource', ...any }, { dataset: 'canary', embedding: sourceVector, ...any, dedupe: true, limit: 20 },
    ],
    '/knn-service': knnBodies,
    '/t/[token]/knn-service': knnBodies,
    '/metadata': [{ ids: allIds, indice_name: 'canary' }, { ids: allIds, indice_name: 'clip' }],
    '/t/[token]/metadata': [{ ids: allIds, indice_name: 'canary' }],
    // Removal lists between an export holding the marked rows and one without them, both ways, both formats.
    '/api/exports/diff': (['csv', 'parquet'] as const).flatMap((format) => [{ from: made.exports[0], to: made.exports[5], format }, { from: made.exports[5], to: made.exports[0], format }]),
    '/api/admin/hidden/evidence': [{ format: 'json' }, { format: 'csv' }],
    '/api/flags/preview': [
      { kind: 'query', query: { dataset: 'canary', keyword: 'cnrycaptionsource', flagState: 'any' } }, { kind: 'domain', domain: 'cnryhostsource.example', dataset: 'canary' },
      { kind: 'pairs', pairIds: [ids.source, ids.look] }, { kind: 'duplicates', pairId: ids.source },
    ],
  };
}

interface Seen { label: string; caller: string; found: { marker: string; role: CanaryRole; field: string }[] }

const scan = (text: string) => MARKERS.filter((m) => text.includes(m.marker));

/**
 * Where a hidden pair may be met: its caption in the review item a reviewer reads, and everything in the admin's
 * evidence file for a hotline report (the token here is an admin's).
 */
const allowed = (s: Seen, m: { role: CanaryRole; field: string }) =>
  (s.label.startsWith('GET /api/review') && ['reviewer', 'admin', 'token'].includes(s.caller) && m.role === 'source' && m.field === 'caption') ||
  (s.label.startsWith('POST /api/admin/hidden/evidence') && ['admin', 'token'].includes(s.caller) && / → 200$/.test(s.label));

/** Every answer of every read route to every caller. */
async function walkRoutes(): Promise<Seen[]> {
  const seen: Seen[] = [];
  const bodies = readBodies();
  for (const r of routes) {
    const gets = r.method === 'GET';
    const posts = r.method === 'POST' && bodies[r.path];
    if (!gets && !posts) continue;
    for (const params of await paramValues(r.path)) {
      const url = fill(r.path, params);
      const sends = gets ? ['', ...(QUERIES[r.path] ?? [])].map((q) => ({ path: `${url}${q}`, body: undefined as unknown })) : bodies[r.path].map((body) => ({ path: url, body }));
      for (const s of sends) {
        for (const [caller, as] of Object.entries(callers)) {
          const res = await call(r.handler, request(r.method, s.path, s.body, as), params);
          const text = await textOf(Buffer.from(await res.arrayBuffer()));
          seen.push({ label: `${r.method} ${s.path}${s.body ? ` ${JSON.stringify(s.body).slice(0, 80)}` : ''} → ${res.status}`, caller, found: scan(text) });
        }
      }
    }
  }
  return seen;
}

/** What the CLI prints and writes: searches, an export, a backup. */
async function walkCli(label: string): Promise<Seen[]> {
  const out = join(tmp.dir, `cli-${label}`);
  const runs: [string, string[]][] = [
    ['datasets', ['datasets']],
    ['search keyword', ['search', '--dataset', 'canary', '--keyword', 'photo', '--json', '--limit', '100']],
    ['search pair', ['search', '--dataset', 'canary', '--pair', String(ids.innocent), '--json']],
    ['export', ['export', '--dataset', 'canary', '--exclude', 'none', '--format', 'jsonl', '--out', join(out, 'export')]],
    ['backup', ['backup', join(out, 'backup.jsonl.gz')]],
  ];
  const seen: Seen[] = [];
  for (const [name, args] of runs) {
    const r = await runSieve(t, home, args);
    seen.push({ label: `sieve ${name} (exit ${r.code})`, caller: 'cli', found: scan(r.out + r.err) });
  }
  for (const f of await filesUnder(out)) seen.push({ label: `file ${f.file}`, caller: 'cli', found: scan(f.text) });
  return seen;
}

const leaks = (seen: Seen[]) => seen.flatMap((s) => s.found.filter((m) => !allowed(s, m)).map((m) => `${s.caller} ${s.label}: ${m.marker}`));
const sawIn = (seen: Seen[], pattern: RegExp) => seen.filter((s) => pattern.test(s.label) && s.found.length > 0).length;

describe('the canary', () => {
  let before: Seen[];

  it('is seen before the flag on every road the walk takes (the negative control)', async () => {
    before = [...(await walkRoutes()), ...(await walkCli('before'))];
    for (const road of [/^GET \/api\/pairs\/\d+ /, /^GET \/api\/pairs\?/, /^POST \/api\/search /, /^POST \/knn-service /, /^POST \/metadata /, /^GET \/api\/exports\/\d+\/download/, /^GET \/api\/takedowns\/\d+/, /^sieve search/, /^file .*\/export\//, /^file .*backup/]) {
      expect(sawIn(before, road), String(road)).toBeGreaterThan(0);
    }
    // The marked rows' images and thumbnails are served (their bytes hold no marker: checked by status).
    for (const role of ['source', 'twin', 'look'] as const) {
      for (const kind of ['image', 'thumbnail']) expect(before.some((s) => s.caller === 'viewer' && s.label === `GET /api/pairs/${ids[role]}/${kind} → 200`), `${role} ${kind}`).toBe(true);
    }
    // Every field and extra column of the marked rows is seen somewhere.
    // (The image's file name is in no answer: its bytes are, checked above.)
    const fields = new Set(before.flatMap((s) => s.found.map((m) => `${m.role}.${m.field}`)));
    expect([...fields].sort()).toEqual(MARKERS.filter((m) => m.field !== 'image').map((m) => `${m.role}.${m.field}`).sort());
  });

  it('is seen nowhere after the flag, but in the review item a reviewer reads', async () => {
    const flagged = await call(routes.find((r) => r.method === 'POST' && r.path === '/api/flags')!.handler,
      request('POST', '/api/flags', { target: { kind: 'pairs', pairIds: [ids.source] }, reason: 'csam_suspected', note: 'reported' }, callers.curator));
    expect(flagged.status, await flagged.clone().text()).toBe(200);
    await runJobs();
    const after = [...(await walkRoutes()), ...(await walkCli('after'))];
    expect(leaks(after)).toEqual([]);
    // The walk still reached the review item with the caption, and the evidence file with every URL: the test sees
    // what it must not miss.
    expect(after.some((s) => s.label.startsWith('GET /api/review') && s.found.some((m) => allowed(s, m)))).toBe(true);
    const evidence = new Set(after.filter((s) => s.label.startsWith('POST /api/admin/hidden/evidence')).flatMap((s) => s.found.map((m) => `${m.role}.${m.field}`)));
    for (const m of ['source.url', 'look.url', 'twin.key', 'look.key']) expect(evidence.has(m), m).toBe(true);
    for (const role of ['source', 'twin', 'look'] as const) {
      const answers = after.filter((s) => s.label.startsWith(`GET /api/pairs/${ids[role]}`));
      expect(answers.length, role).toBeGreaterThan(0);
      expect(answers.filter((s) => !s.label.endsWith('→ 404')).map((s) => `${s.caller} ${s.label}`), role).toEqual([]);
    }
    // No file under the data folder holds a marker, and the marked rows' images are gone from disk.
    const files = await filesUnder(home);
    expect(files.filter((f) => scan(f.text).length > 0).map((f) => f.file)).toEqual([]);
    for (const role of ['source', 'twin', 'look'] as const) expect(existsSync(join(tmp.dir, 'canary', 'images', markersOf(role).image)), role).toBe(false);
  });

  it('changes no count or filter because a hidden pair exists', async () => {
    const preview = routes.find((r) => r.method === 'POST' && r.path === '/api/flags/preview')!.handler;
    const count = async (body: unknown) => ((await (await call(preview, request('POST', '/api/flags/preview', body, callers.curator))).json()) as { count: number }).count;
    expect(await count({ kind: 'domain', domain: 'cnryhostsource.example', dataset: 'canary' })).toBe(0);
    expect(await count({ kind: 'query', query: { dataset: 'canary', keyword: 'cnrycaptionsource', flagState: 'any' } })).toBe(0);
    const list = routes.find((r) => r.method === 'GET' && r.path === '/api/pairs')!.handler;
    const page = (await (await call(list, request('GET', '/api/pairs?dataset=canary', undefined, callers.admin))).json()) as { total: number };
    expect(page.total).toBe(6);
  });
});
