// Powers match roles, through the routes on a real database: who may make, replace and delete which block list (role ×
// action), that a list's reason and authority never change, upload names that could be paths refused before anything
// is written, and whether the flags a takedown or a list raises start open (a reviewer decides, under four eyes) or
// confirmed (a reviewer applying, a hotline's list imported by an admin, recorded as that authority's decision).
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDb } from '@/lib/db/get-db';
import type { FlagReason } from '@/lib/flags/reasons';
import { makeTempDir } from '@/lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '@/lib/ingest/ingest-dataset';
import { writeWebRows } from '@/lib/takedowns/__fixtures__/write-web-rows';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { call, ORIGIN, request } from './__fixtures__/call-route';
import { userWithRole } from './__fixtures__/sign-in';
import { POST as postList } from './blocklists/route';
import { DELETE as deleteListRoute } from './blocklists/[id]/route';
import { POST as decide } from './flags/[id]/decision/route';
import { POST as postTakedown } from './takedowns/route';
import { POST as applyRoute } from './takedowns/[id]/apply/route';
import { POST as matchRoute } from './takedowns/[id]/match/route';

type Who = 'viewer' | 'curator' | 'curator2' | 'reviewer' | 'admin';
const users = {} as Record<Who, { id: string; cookie: string }>;
let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let address = 0;

const ROWS = Array.from({ length: 8 }, (_, i) => ({ url: `https://site${i}.example/photo-${i}.jpg`, caption: `photo ${i}`, hash: String(7000 + i) }));

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  tmp = await makeTempDir('powers');
  process.env.SIEVE_HOME = join(tmp.dir, 'home');
  process.env.SIEVE_READ = 'signed-in';
  process.env.SIEVE_RATE_LIMIT_UPLOAD = '0';
  writeWebRows(join(tmp.dir, 'web.parquet'), ROWS);
  await ingestDataset(t.db, { path: join(tmp.dir, 'web.parquet'), dataset: 'web' });
  for (const who of ['viewer', 'curator', 'reviewer', 'admin'] as const) users[who] = await userWithRole(t.db, who);
  users.curator2 = await userWithRole(t.db, 'curator', 'curator2@test.local');
});
afterAll(async () => {
  setDb(undefined);
  delete process.env.SIEVE_READ;
  delete process.env.SIEVE_RATE_LIMIT_UPLOAD;
  await t?.close();
  await tmp?.cleanup();
});

function uploadList(who: Who, json: Record<string, unknown>, lines: string[]): Promise<Response> {
  const form = new FormData();
  form.append('request', JSON.stringify(json));
  form.append('file', new Blob([lines.join('\n')]), 'ignored.txt');
  const headers = new Headers({ host: new URL(ORIGIN).host, origin: ORIGIN, cookie: users[who].cookie, 'x-forwarded-for': `10.50.0.${++address % 250}` });
  return call(postList, new Request(`${ORIGIN}/api/blocklists`, { method: 'POST', headers, body: form }));
}
const deleteList = (who: Who, id: number) => call(deleteListRoute, request('DELETE', `/api/blocklists/${id}`, undefined, { cookie: users[who].cookie }), { id: String(id) });
const post = (route: typeof postTakedown, who: Who, path: string, body?: unknown, params: Record<string, string> = {}) => call(route, request('POST', path, body, { cookie: users[who].cookie }), params);

/** A list's row and entries, to show a refused change changed nothing. */
async function stateOf(name: string) {
  const [list] = await t.db.query<{ id: number }>('SELECT id, name, reason, authority, source, created_by, updated_by, updated_at FROM block_lists WHERE name = $1', [name]);
  const entries = list ? await t.db.query('SELECT kind, value FROM block_list_entries WHERE list_id = $1 ORDER BY kind, value', [list.id]) : [];
  return { list: list ?? null, entries };
}

interface PowerCase {
  owner?: { who: Who; reason?: FlagReason; authority?: string };
  who: Who;
  act: { op: 'import'; reason?: FlagReason; authority?: string } | { op: 'delete' };
  status: number;
  message?: RegExp;
}

const own = (reason?: FlagReason, authority?: string): PowerCase['owner'] => ({ who: reason === 'csam_suspected' || authority ? 'admin' : 'curator', reason, authority });
const CASES: [string, PowerCase][] = [
  ['a viewer makes a list', { who: 'viewer', act: { op: 'import' }, status: 403 }],
  ['a curator makes a list', { who: 'curator', act: { op: 'import' }, status: 200 }],
  ['a reviewer makes a list', { who: 'reviewer', act: { op: 'import', reason: 'watermark' }, status: 200 }],
  ['an admin makes a list', { who: 'admin', act: { op: 'import' }, status: 200 }],
  ['a curator makes a csam_suspected list', { who: 'curator', act: { op: 'import', reason: 'csam_suspected' }, status: 403, message: /only an admin creates a csam_suspected block list/ }],
  ['a reviewer makes a csam_suspected list', { who: 'reviewer', act: { op: 'import', reason: 'csam_suspected' }, status: 403 }],
  ['an admin makes a csam_suspected list', { who: 'admin', act: { op: 'import', reason: 'csam_suspected' }, status: 200 }],
  ['a curator names an authority', { who: 'curator', act: { op: 'import', authority: 'IWF' }, status: 403, message: /only an admin names the authority/ }],
  ['a reviewer names an authority', { who: 'reviewer', act: { op: 'import', authority: 'IWF' }, status: 403 }],
  ['an admin names an authority', { who: 'admin', act: { op: 'import', reason: 'pii', authority: 'IWF' }, status: 200 }],
  ['a curator replaces their own list', { owner: own(), who: 'curator', act: { op: 'import' }, status: 200 }],
  ["a curator replaces another curator's list", { owner: own(), who: 'curator2', act: { op: 'import' }, status: 403, message: /belongs to another user/ }],
  ["a reviewer replaces a curator's list", { owner: own(), who: 'reviewer', act: { op: 'import' }, status: 403 }],
  ["an admin replaces a curator's list", { owner: own(), who: 'admin', act: { op: 'import' }, status: 200 }],
  ['a curator re-imports their own list with another reason', { owner: own('copyright_optout'), who: 'curator', act: { op: 'import', reason: 'pii' }, status: 409, message: /is a copyright_optout list and its reason never changes/ }],
  ["a curator re-imports an admin's csam_suspected list as copyright_optout", { owner: own('csam_suspected'), who: 'curator', act: { op: 'import', reason: 'copyright_optout' }, status: 409, message: /its reason never changes/ }],
  ["a curator re-imports an admin's csam_suspected list, reason unsaid", { owner: own('csam_suspected'), who: 'curator', act: { op: 'import' }, status: 403, message: /only an admin replaces a csam_suspected block list/ }],
  ["a curator re-imports an admin's csam_suspected list as such", { owner: own('csam_suspected'), who: 'curator', act: { op: 'import', reason: 'csam_suspected' }, status: 403 }],
  ["a reviewer re-imports an admin's csam_suspected list", { owner: own('csam_suspected'), who: 'reviewer', act: { op: 'import' }, status: 403 }],
  ['an admin re-imports a csam_suspected list with another reason', { owner: own('csam_suspected'), who: 'admin', act: { op: 'import', reason: 'sexual' }, status: 409 }],
  ['an admin re-imports a csam_suspected list', { owner: own('csam_suspected'), who: 'admin', act: { op: 'import' }, status: 200 }],
  ["a curator re-imports an authority's list", { owner: own('pii', 'IWF'), who: 'curator', act: { op: 'import' }, status: 403 }],
  ["an admin changes a list's authority", { owner: own('pii', 'IWF'), who: 'admin', act: { op: 'import', authority: 'NCMEC' }, status: 409, message: /comes from IWF and that never changes/ }],
  ["an admin re-imports an authority's list", { owner: own('pii', 'IWF'), who: 'admin', act: { op: 'import', authority: 'IWF' }, status: 200 }],
  ['a curator deletes their own list', { owner: own(), who: 'curator', act: { op: 'delete' }, status: 200 }],
  ["a curator deletes another curator's list", { owner: own(), who: 'curator2', act: { op: 'delete' }, status: 403, message: /belongs to another user/ }],
  ["a reviewer deletes a curator's list", { owner: own(), who: 'reviewer', act: { op: 'delete' }, status: 403 }],
  ["an admin deletes a curator's list", { owner: own(), who: 'admin', act: { op: 'delete' }, status: 200 }],
  ['a curator deletes a csam_suspected list', { owner: own('csam_suspected'), who: 'curator', act: { op: 'delete' }, status: 403, message: /only an admin deletes a csam_suspected block list/ }],
  ['a reviewer deletes a csam_suspected list', { owner: own('csam_suspected'), who: 'reviewer', act: { op: 'delete' }, status: 403 }],
  ['an admin deletes a csam_suspected list', { owner: own('csam_suspected'), who: 'admin', act: { op: 'delete' }, status: 200 }],
  ["a curator deletes an authority's list", { owner: own('pii', 'IWF'), who: 'curator', act: { op: 'delete' }, status: 403 }],
];

describe('block lists: who may do what (role × action)', () => {
  it.each(CASES.map(([does, c], i) => [does, c, `power${i}`] as const))('%s', async (_, c, name) => {
    if (c.owner) {
      const made = await uploadList(c.owner.who, { name, reason: c.owner.reason, authority: c.owner.authority }, ['https://nowhere.example/kept.jpg', 'kept.example']);
      expect(made.status, await made.clone().text()).toBe(200);
    }
    const before = await stateOf(name);
    const res = c.act.op === 'import'
      ? await uploadList(c.who, { name, reason: c.act.reason, authority: c.act.authority }, ['https://harmless.example/one.jpg'])
      : await deleteList(c.who, before.list!.id);
    const body = (await res.json()) as { error?: { message: string } };
    expect(res.status, JSON.stringify(body)).toBe(c.status);
    if (c.message) expect(body.error?.message).toMatch(c.message);
    const after = await stateOf(name);
    if (c.status !== 200) expect(after).toEqual(before);
    else if (c.act.op === 'delete') expect(after.list).toBeNull();
    else {
      // A replaced list keeps its owner, reason and authority; only its entries and who last replaced it change.
      expect(after.list).toMatchObject({ reason: c.owner?.reason ?? c.act.reason ?? 'copyright_optout', authority: c.owner?.authority ?? c.act.authority ?? null, created_by: users[c.owner?.who ?? c.who].id, updated_by: users[c.who].id });
      expect(after.entries).toHaveLength(1);
    }
  });

  it('answers 404 for a list that does not exist', async () => {
    expect((await deleteList('admin', 999_999)).status).toBe(404);
  });
});

async function filesUnder(dir: string): Promise<string[]> {
  const all = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return all.filter((e) => e.isFile()).map((e) => relative(dir, join(e.parentPath, e.name))).sort();
}

describe('upload names', () => {
  const BAD: [string, Record<string, unknown>][] = [
    ['a list name with ../', { name: '../evil-name' }],
    ['a list name climbing twice', { name: '../../evil-name' }],
    ['an absolute list name', { name: '/tmp/evil-name' }],
    ['a list name with a NUL', { name: 'evil\u0000name' }],
    ['a list name of dots', { name: '..' }],
    ['a very long list name', { name: 'a'.repeat(101) }],
    ['a file name with ../', { name: 'ok1', fileName: '../../evil-file.txt' }],
    ['an absolute file name', { name: 'ok2', fileName: '/etc/evil-file.csv' }],
    ['a Windows path', { name: 'ok3', fileName: 'C:\\evil-file.txt' }],
    ['a file name with a NUL', { name: 'ok4', fileName: 'evil-file\u0000.txt' }],
    ['a file name with a newline', { name: 'ok5', fileName: 'evil-file\n.txt' }],
    ['a file name of dots', { name: 'ok6', fileName: '..' }],
    ['a very long file name', { name: 'ok7', fileName: `${'a'.repeat(300)}.txt` }],
  ];

  it.each(BAD)('refuses %s with a 400 before anything is written', async (_, json) => {
    const before = await filesUnder(tmp.dir);
    const lists = await t.db.query('SELECT name FROM block_lists ORDER BY name');
    const res = await uploadList('admin', json, ['https://harmless.example/two.jpg']);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toBeTruthy();
    expect(await filesUnder(tmp.dir)).toEqual(before);
    expect((await readdir(tmpdir())).filter((n) => n.includes('evil-name') || n.includes('evil-file'))).toEqual([]);
    expect(await t.db.query('SELECT name FROM block_lists ORDER BY name')).toEqual(lists);
  });

  it("records a good upload's own name as its source, writes it under Sieve's data folder and leaves nothing behind", async () => {
    const res = await uploadList('curator', { name: 'named-upload', fileName: 'Opt-outs from March.csv' }, ['url', 'https://harmless.example/three.jpg']);
    expect(res.status).toBe(200);
    expect((await stateOf('named-upload')).list).toMatchObject({ source: 'Opt-outs from March.csv' });
    expect(await filesUnder(join(tmp.dir, 'home', 'uploads'))).toEqual([]);
  });
});

const flagOf = async (pairUrl: string, reason: FlagReason) => {
  const [f] = await t.db.query<{ id: number; state: string; origin: string; created_by: string; decided_by: string | null; note: string | null; block_list_id: number | null }>(
    'SELECT f.id, f.state, f.origin, f.created_by, f.decided_by, f.note, f.block_list_id FROM flags f JOIN pairs p ON p.id = f.pair_id WHERE p.url = $1 AND f.reason = $2',
    [pairUrl, reason],
  );
  return f;
};
const eventOf = async (flagId: number) => {
  const [e] = await t.db.query<{ actor: string; details: Record<string, unknown> }>("SELECT actor, details FROM audit_events WHERE action = 'flag.create' AND (details->>'flagId')::bigint = $1", [flagId]);
  return e;
};

describe('the flags a block list raises', () => {
  it("are open from a curator's list, for a reviewer to decide", async () => {
    expect((await (await uploadList('curator', { name: 'curated', reason: 'copyright_optout' }, [ROWS[0].url])).json())).toMatchObject({ flagged: 1 });
    const f = await flagOf(ROWS[0].url, 'copyright_optout');
    expect(f).toMatchObject({ state: 'open', origin: 'machine', created_by: users.curator.id, decided_by: null });
    expect((await post(decide, 'reviewer', `/api/flags/${f.id}/decision`, { decision: 'confirm' }, { id: String(f.id) })).status).toBe(200);
  });

  it("are confirmed from an admin's csam_suspected list, as its decision; its URLs are kept as digests and still match at later ingests", async () => {
    const later = 'https://later.example/not-yet-here.jpg';
    expect((await (await uploadList('admin', { name: 'hotline', reason: 'csam_suspected' }, [ROWS[1].url, later])).json())).toMatchObject({ flagged: 1 });
    const f = await flagOf(ROWS[1].url, 'csam_suspected');
    expect(f).toMatchObject({ state: 'confirmed', created_by: users.admin.id, decided_by: users.admin.id });
    expect(await eventOf(f.id)).toMatchObject({ actor: users.admin.id, details: { confirmed: true, authority: 'block list "hotline"', blockListId: f.block_list_id } });
    const values = (await stateOf('hotline')).entries.map((e) => (e as { value: string }).value);
    expect(values).toHaveLength(2);
    expect(values.every((v) => /^sha256:[0-9a-f]{64}$/.test(v))).toBe(true);
    writeWebRows(join(tmp.dir, 'later.parquet'), [{ url: later, caption: 'arrives later' }, { url: 'https://fine.example/ok.jpg', caption: 'fine' }]);
    expect(await ingestDataset(t.db, { path: join(tmp.dir, 'later.parquet'), dataset: 'later' })).toMatchObject({ inserted: 2, blocked: 1 });
    expect(await flagOf(later, 'csam_suspected')).toMatchObject({ state: 'confirmed', decided_by: users.admin.id, block_list_id: f.block_list_id });
  });

  it("are confirmed from an admin's list naming its authority, recorded as that authority's decision", async () => {
    expect((await (await uploadList('admin', { name: 'iwf-hashes', reason: 'pii', authority: 'IWF' }, [ROWS[2].hash])).json())).toMatchObject({ flagged: 1 });
    const f = await flagOf(ROWS[2].url, 'pii');
    expect(f).toMatchObject({ state: 'confirmed', decided_by: users.admin.id, note: 'block list "iwf-hashes" from IWF' });
    expect((await eventOf(f.id)).details).toMatchObject({ confirmed: true, authority: 'IWF' });
  });
});

async function takedown(who: Who, kind: string, url: string): Promise<{ id: number; applied: { flagged: number } }> {
  const made = (await (await post(postTakedown, who, '/api/takedowns', { kind, requester: 'someone', items: [{ kind: 'url', value: url }] })).json()) as { takedown: { id: number } };
  const id = String(made.takedown.id);
  expect((await post(matchRoute, who, `/api/takedowns/${id}/match`, undefined, { id })).status).toBe(200);
  const applied = await post(applyRoute, who, `/api/takedowns/${id}/apply`, undefined, { id });
  expect(applied.status).toBe(200);
  return { id: made.takedown.id, applied: (await applied.json()) as { flagged: number } };
}

describe('the flags a takedown raises', () => {
  it("are open when a curator applies it, for a reviewer to decide", async () => {
    expect((await takedown('curator', 'copyright_optout', ROWS[3].url)).applied).toMatchObject({ flagged: 1 });
    expect(await flagOf(ROWS[3].url, 'copyright_optout')).toMatchObject({ state: 'open', created_by: users.curator.id, decided_by: null });
  });

  it('are confirmed when a reviewer applies it (they could decide them anyway)', async () => {
    await takedown('reviewer', 'copyright_optout', ROWS[4].url);
    expect(await flagOf(ROWS[4].url, 'copyright_optout')).toMatchObject({ state: 'confirmed', decided_by: users.reviewer.id });
  });

  it('are open for suspected CSAM even from an admin: a second person confirms, and the pair is hidden meanwhile', async () => {
    await takedown('admin', 'csam_report', ROWS[5].url);
    const f = await flagOf(ROWS[5].url, 'csam_suspected');
    expect(f).toMatchObject({ state: 'open', created_by: users.admin.id });
    expect(await t.db.query('SELECT 1 FROM shown_pairs WHERE url = $1', [ROWS[5].url])).toHaveLength(0);
    const self = await post(decide, 'admin', `/api/flags/${f.id}/decision`, { decision: 'confirm' }, { id: String(f.id) });
    expect(self.status).toBe(403);
    expect((await self.json()).error.message).toMatch(/four eyes/);
    expect((await post(decide, 'reviewer', `/api/flags/${f.id}/decision`, { decision: 'confirm' }, { id: String(f.id) })).status).toBe(200);
  });
});
