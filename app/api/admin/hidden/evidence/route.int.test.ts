// The admin's evidence file for a hotline report, the one place a hidden URL is written out: for admins only (and not
// from another site), with the source, its URL twin and its look-alike, their fields, flags with who raised and
// decided them, and the cosine; each download, over the API or by `sieve hidden-evidence`, an audit event without URLs.
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDb } from '@/lib/db/get-db';
import type { Actor } from '@/lib/auth/schemas';
import { runSieve } from '@/lib/cli/__fixtures__/run-sieve';
import { decideFlag } from '@/lib/flags/decide-flag';
import { flagPairs } from '@/lib/flags/flag-pairs';
import { makeTempDir } from '@/lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '@/lib/ingest/ingest-dataset';
import { MARK, writeHiddenFixture, type FixtureRow } from '@/lib/pairs/__fixtures__/write-hidden-fixture';
import type { HiddenEvidence } from '@/lib/evidence/schemas';
import { DUPLICATE_COSINE } from '@/lib/pairs/schemas';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { call, request, type As } from '../../../__fixtures__/call-route';
import { userWithRole } from '../../../__fixtures__/sign-in';
import * as route from './route';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let rows: { main: FixtureRow[]; mirror: FixtureRow[] };
let cookies: Record<'admin' | 'reviewer' | 'curator', string>;
let ids: { source: number; lookalike: number; twin: number; plain: number };

const person = (id: string, email: string, role: Actor['role']): Actor => ({ kind: 'user', id, email, name: null, role, via: 'session', ip: null });

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  tmp = await makeTempDir('evidence');
  process.env.SIEVE_HOME = join(tmp.dir, 'home');
  const f = await writeHiddenFixture(tmp.dir);
  rows = f.rows;
  await ingestDataset(t.db, { path: f.main, dataset: 'main' });
  await ingestDataset(t.db, { path: f.mirror, dataset: 'mirror' });
  const by = async (caption: string) => (await t.db.query<{ id: number }>('SELECT id FROM pairs WHERE caption = $1', [caption]))[0].id;
  ids = { source: await by(rows.main[0].caption), lookalike: await by(rows.main[1].caption), twin: await by(rows.mirror[0].caption), plain: await by(rows.main[2].caption) };
  const users = { admin: await userWithRole(t.db, 'admin'), reviewer: await userWithRole(t.db, 'reviewer'), curator: await userWithRole(t.db, 'curator') };
  cookies = { admin: users.admin.cookie, reviewer: users.reviewer.cookie, curator: users.curator.cookie };
  await flagPairs(t.db, person(users.curator.id, 'curator@test.local', 'curator'), { target: { kind: 'pairs', pairIds: [ids.source] }, reason: 'csam_suspected', note: 'reported by a user' });
  const [flag] = await t.db.query<{ id: number }>("SELECT id FROM flags WHERE reason = 'csam_suspected'");
  await decideFlag(t.db, person(users.reviewer.id, 'reviewer@test.local', 'reviewer'), flag.id, { decision: 'confirm' });
});
afterAll(async () => {
  setDb(undefined);
  await t?.close();
  await tmp?.cleanup();
});

const post = (body: unknown, as: As) => call(route.POST, request('POST', '/api/admin/hidden/evidence', body, as));
const events = () => t.db.query<{ actor: string; subject: string; details: { format: string; pairs: number; pairIds: number[] } }>("SELECT actor, subject, details FROM audit_events WHERE action = 'hidden.evidence' ORDER BY id");

describe('the hidden-pair evidence file', () => {
  it('is refused to everyone but an admin, and to an admin\'s cookie sent from another site; it is no GET', async () => {
    expect(Object.keys(route)).toEqual(['POST']);
    expect((await post({}, {})).status).toBe(401);
    expect((await post({}, { cookie: cookies.reviewer })).status).toBe(403);
    expect((await post({}, { cookie: cookies.curator })).status).toBe(403);
    expect((await post({}, { cookie: cookies.admin, origin: 'https://evil.example' })).status).toBe(403);
    expect(await events()).toEqual([]);
  });

  it('gives an admin the source, its twin and its look-alike with every field, their flags and the cosine', async () => {
    const res = await post({ format: 'json' }, { cookie: cookies.admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="sieve-hidden-evidence-\d{4}-\d\d-\d\d\.json"/);
    const e = (await res.json()) as HiddenEvidence;
    expect(e).toMatchObject({ kind: 'sieve-hidden-evidence', writtenBy: 'admin@test.local', notice: expect.stringContaining('hotline') });
    expect(e.sources.map((s) => s.sourcePairId)).toEqual([ids.source]);
    const [source, ...others] = e.sources[0].pairs;
    expect(source).toMatchObject({
      pairId: ids.source, cause: 'flag', cosine: null, dataset: 'main', sourceFile: 'metadata/metadata_0.parquet', sourceRow: 0,
      url: rows.main[0].url, caption: rows.main[0].caption, hash: rows.main[0].hash, sampleId: rows.main[0].key,
    });
    expect(source.flags).toEqual([expect.objectContaining({ reason: 'csam_suspected', state: 'confirmed', note: 'reported by a user', raisedBy: 'curator@test.local', decidedBy: 'reviewer@test.local' })]);
    const twin = others.find((p) => p.pairId === ids.twin)!;
    const lookalike = others.find((p) => p.pairId === ids.lookalike)!;
    expect(twin).toMatchObject({ cause: 'url', dataset: 'mirror', url: rows.main[0].url, caption: rows.mirror[0].caption, hash: rows.mirror[0].hash, flags: [] });
    expect(lookalike).toMatchObject({ cause: 'lookalike', dataset: 'main', sourceRow: 1, url: rows.main[1].url, sampleId: rows.main[1].key });
    expect(lookalike.cosine).toBeGreaterThanOrEqual(DUPLICATE_COSINE);
    expect(others).toHaveLength(2);
  });

  it('as CSV, one line per hidden pair; for one source; a pair that hides nothing is 404', async () => {
    const res = await post({ format: 'csv', source: ids.source }, { cookie: cookies.admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = Papa.parse<Record<string, string>>((await res.text()).trim(), { header: true, newline: '\r\n' }).data;
    // The source first, then what it hides by pair id (main was ingested before mirror).
    expect(lines.map((l) => [Number(l.pair_id), l.cause])).toEqual([[ids.source, 'flag'], [ids.lookalike, 'lookalike'], [ids.twin, 'url']]);
    expect(lines[0]).toMatchObject({ url: rows.main[0].url, caption: rows.main[0].caption, source_pair_id: String(ids.source) });
    expect(lines[0].flags).toMatch(/^csam_suspected confirmed \(human\), raised by curator@test\.local .*, decided by reviewer@test\.local/);
    expect((await post({ source: ids.plain }, { cookie: cookies.admin })).status).toBe(404);
  });

  it('is written by `sieve hidden-evidence` for its owner only, never over a file; each download is audited without URLs', async () => {
    const out = join(tmp.dir, 'report.json');
    const run = await runSieve(t, process.env.SIEVE_HOME!, ['hidden-evidence', '--out', out]);
    expect(run).toMatchObject({ code: 0, out: `evidence of 3 hidden pairs written to ${out}\n` });
    expect((await stat(out)).mode & 0o777).toBe(0o600);
    expect(await readFile(out, 'utf8')).toContain(rows.main[0].url);
    const again = await runSieve(t, process.env.SIEVE_HOME!, ['hidden-evidence', '--out', out]);
    expect(again.code).not.toBe(0);
    expect(again.err).toMatch(/exists/);
    const trail = await events();
    // The refused run read nothing out, so it is not in the trail.
    expect(trail.map((e) => [e.subject, e.details.format, e.details.pairs])).toEqual([['hidden', 'json', 3], [`pair:${ids.source}`, 'csv', 3], ['hidden', 'json', 3]]);
    expect(trail[2].actor).toMatch(/^cli:/);
    expect(JSON.stringify(trail)).not.toContain(MARK);
    expect(trail[0].details.pairIds.sort()).toEqual([ids.source, ids.lookalike, ids.twin].sort());
  });
});
