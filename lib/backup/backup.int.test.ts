// Backup and restore on a real database: a database with accounts, tokens, flags in every state, a takedown with
// its matches, a block list, a concept rule, an export and their audit events is backed up and restored into a fresh
// one that ingested the same file (its pair ids shifted): every row comes back; a second restore adds nothing; a
// cut, edited or future file, missing datasets or pairs, and a conflicting row are refused with nothing written.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { verifyPassword } from 'better-auth/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../../app/api/__fixtures__/sign-in';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { cliActor } from '../auth/cli-actor';
import { createToken } from '../auth/create-token';
import { createUser } from '../auth/create-user';
import type { Actor } from '../auth/schemas';
import { runExport } from '../export/run-export';
import { ExportRequest } from '../export/schemas';
import { insertExport } from '../export/sql';
import { decideFlag } from '../flags/decide-flag';
import { flagPairs } from '../flags/flag-pairs';
import { writeSuggestionsIn } from '../flags/write-flags';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { writeLaionParquet } from '../ingest/__fixtures__/write-laion-parquet';
import { ingestDataset } from '../ingest/ingest-dataset';
import { saveConceptRule } from '../signals/concept-rules';
import { applyTakedown } from '../takedowns/apply-takedown';
import { changeMatches } from '../takedowns/change-matches';
import { createTakedown } from '../takedowns/create-takedown';
import { getTakedown } from '../takedowns/get-takedown';
import { importBlockList } from '../takedowns/import-block-list';
import { matchTakedown } from '../takedowns/match-takedown';
import { dumpTables } from './__fixtures__/dump-tables';
import { restoreBackup } from './restore-backup';
import { writeBackup } from './write-backup';

let src: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let file: string;
let before: Record<string, unknown[]>;
const opened: TestDatabase[] = [];
const PASSWORD = 'correct horse battery staple';
const person = (id: string, role: Actor['role']): Actor => ({ kind: 'user', id, email: `${id}@t.local`, name: id, role, via: 'session', ip: '10.2.2.2' });

/** A fresh database that ingested the same file as the source, after another dataset so its pair ids differ. */
async function freshDatabase(opts: { ingest?: 'same' | 'other' | 'none' } = {}): Promise<TestDatabase> {
  const t = await createTestDatabase();
  opened.push(t);
  if (opts.ingest !== 'none') await ingestDataset(t.db, { path: join(tmp.dir, 'shift.parquet'), dataset: 'shift' });
  if (opts.ingest === 'other') await ingestDataset(t.db, { path: join(tmp.dir, 'shift.parquet'), dataset: 'rows' });
  else if (opts.ingest !== 'none') await ingestDataset(t.db, { path: join(tmp.dir, 'rows.parquet'), dataset: 'rows' });
  return t;
}

/** The file with its trailer's SHA-256 made again, as a well-formed backup from elsewhere would have it. */
function sealed(text: string): Buffer {
  const lines = text.trimEnd().split('\n');
  const trailer = JSON.parse(lines.pop()!) as { sha256: string };
  trailer.sha256 = createHash('sha256').update(lines.map((l) => `${l}\n`).join('')).digest('hex');
  return gzipSync(`${[...lines, JSON.stringify(trailer)].join('\n')}\n`);
}

const countAll = async (t: TestDatabase) => Object.fromEntries(Object.entries(await dumpTables(t.db)).map(([k, v]) => [k, v.length]));

beforeAll(async () => {
  tmp = await makeTempDir('backup');
  process.env.SIEVE_HOME = tmp.dir;
  writeLaionParquet(join(tmp.dir, 'rows.parquet'), 40);
  writeLaionParquet(join(tmp.dir, 'shift.parquet'), 7, { offset: 1000 });
  src = await createTestDatabase();
  await ingestDataset(src.db, { path: join(tmp.dir, 'rows.parquet'), dataset: 'rows' });
  const pairs = (await src.db.query<{ id: number }>('SELECT id FROM pairs ORDER BY source_row')).map((p) => p.id);

  const admin = cliActor();
  const made = await Promise.all(['cur', 'rev'].map((n) => createUser(src.db, admin, { email: `${n}@t.local`, role: n === 'cur' ? 'curator' : 'reviewer', password: PASSWORD })));
  const [curator, reviewer] = made.map(({ user }) => person(user.id, user.role));
  await createToken(src.db, curator, { name: 'nightly script' });

  await flagPairs(src.db, curator, { target: { kind: 'pairs', pairIds: pairs.slice(0, 6) }, reason: 'hate', note: 'slur in caption' });
  await flagPairs(src.db, curator, { target: { kind: 'pairs', pairIds: [pairs[6], pairs[7]] }, reason: 'csam_suspected' });
  const flags = await src.db.query<{ id: number; pair_id: number }>("SELECT id, pair_id FROM flags WHERE reason = 'hate' ORDER BY pair_id");
  await decideFlag(src.db, reviewer, flags[0].id, { decision: 'confirm', note: 'yes' });
  await decideFlag(src.db, reviewer, flags[1].id, { decision: 'reject' });
  const [csamRejected] = await src.db.query<{ id: number }>("SELECT id FROM flags WHERE reason = 'csam_suspected' AND pair_id = $1", [pairs[7]]);
  await decideFlag(src.db, reviewer, csamRejected.id, { decision: 'reject' });
  const [rows] = await src.db.query<{ id: number }>("SELECT id FROM datasets WHERE name = 'rows'");
  await src.db.tx((tx) => writeSuggestionsIn(tx, { datasetId: rows.id, reason: 'watermark', rule: 'pwatermark ≥ 0.9', items: [{ pairId: pairs[8], note: 'pwatermark 0.95' }] }));

  const td = await createTakedown(src.db, curator, { kind: 'privacy', requester: 'Jane Doe', contact: 'jane@example.org', items: [{ kind: 'domain', value: 'img3.example.com' }] });
  await matchTakedown(src.db, curator, td);
  const detail = await getTakedown(td, src.db);
  await changeMatches(src.db, curator, td, { itemId: detail.items[0].id, pairId: pairs[3], excluded: true });
  await applyTakedown(src.db, curator, td);

  await writeFile(join(tmp.dir, 'optout.txt'), 'https://img5.example.com/p/12.jpg\nimg6.example.com\n');
  await importBlockList(src.db, curator, { name: 'optout', file: join(tmp.dir, 'optout.txt') });
  await saveConceptRule(src.db, curator, { name: 'weapons', prompt: 'a photo of a gun', threshold: 0.21, reason: 'violence' });
  const exportId = await insertExport(src.db, { request: ExportRequest.parse({ source: { kind: 'dataset', dataset: 'rows' }, format: 'csv' }), createdBy: curator.id });
  await runExport(src.db, exportId);

  file = join(tmp.dir, 'sieve.backup.gz');
  await writeBackup(src.db, file);
  before = await dumpTables(src.db);
});
afterAll(async () => {
  for (const t of [src, ...opened]) await t?.close();
  await tmp?.cleanup();
});

describe('backup and restore', () => {
  it('holds every state worth keeping', () => {
    const flags = before.flags as { state: string; origin: string; reason: string; takedown_id: number | null; block_list_id: number | null }[];
    expect(new Set(flags.map((f) => f.state))).toEqual(new Set(['open', 'confirmed', 'rejected']));
    expect(flags.some((f) => f.origin === 'machine')).toBe(true);
    expect(flags.some((f) => f.takedown_id !== null) && flags.some((f) => f.block_list_id !== null)).toBe(true);
    expect((before.takedown_matches as { excluded: boolean }[]).some((m) => m.excluded)).toBe(true);
    expect(before.hidden_urls).toHaveLength(1);
    for (const table of ['users', 'accounts', 'api_tokens', 'concept_rules', 'block_lists', 'block_list_entries', 'takedowns', 'takedown_items', 'exports', 'audit_events']) {
      expect(before[table].length, table).toBeGreaterThan(0);
    }
  });

  it('restores every row into a fresh database whose ingest gave the pairs other ids, and a second restore adds nothing', async () => {
    const dst = await freshDatabase();
    const [shifted] = await dst.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'shift'");
    expect(shifted.n).toBe(7);
    const first = await restoreBackup(dst.db, cliActor(), file);
    expect(first.tables.flags).toEqual({ added: before.flags.length, present: 0 });
    const after = await dumpTables(dst.db);
    const { audit_events: events, ...rest } = after;
    const { audit_events: eventsBefore, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
    // The trail comes back with its ids and times, and says that a restore happened.
    expect(events.slice(0, -1)).toEqual(eventsBefore);
    expect(events.at(-1)).toMatchObject({ action: 'backup.restore', details: { added: { flags: before.flags.length } } });

    const [account] = await dst.db.query<{ password: string }>("SELECT a.password FROM accounts a JOIN users u ON u.id = a.user_id WHERE u.email = 'cur@t.local'");
    expect(await verifyPassword({ hash: account.password, password: PASSWORD })).toBe(true);

    const second = await restoreBackup(dst.db, cliActor(), file);
    expect(Object.values(second.tables).every((c) => c.added === 0)).toBe(true);
    expect(second.tables.audit_events.present).toBe(before.audit_events.length);
    expect(await dumpTables(dst.db)).toEqual(after);

    // New rows take ids after the restored ones.
    const maxFlag = Math.max(...(before.flags as { id: number }[]).map((f) => f.id));
    const [free] = await dst.db.query<{ id: number }>("SELECT id FROM pairs WHERE source_row = 39 AND dataset_id = (SELECT id FROM datasets WHERE name = 'rows')");
    await flagPairs(dst.db, person('x', 'curator'), { target: { kind: 'pairs', pairIds: [free.id] }, reason: 'broken_link' });
    const [made] = await dst.db.query<{ id: number }>("SELECT id FROM flags WHERE reason = 'broken_link'");
    expect(made.id).toBeGreaterThan(maxFlag);
    // The restored account signs in with its old password through better-auth's own endpoint.
    expect(await signIn(dst.db, 'cur@t.local', PASSWORD)).toMatchObject({ status: 200, cookie: expect.stringContaining('session_token') });
  });

  it('refuses a cut, edited or future file before writing anything', async () => {
    const dst = await freshDatabase();
    const empty = await countAll(dst);
    const gz = await readFile(file);
    const text = gunzipSync(gz).toString('utf8');
    const lines = text.trimEnd().split('\n');
    const variant = async (name: string, body: Buffer) => {
      const f = join(tmp.dir, name);
      await writeFile(f, body);
      return f;
    };
    const cases: [string, Buffer, RegExp][] = [
      ['cut.gz', gz.subarray(0, Math.floor(gz.length / 2)), /cut\.gz: not a complete gzip file.*truncated/],
      ['no-trailer.gz', gzipSync(`${lines.slice(0, -3).join('\n')}\n`), /no-trailer\.gz: no trailer after the last row: the file is truncated/],
      ['edited.gz', gzipSync(text.replace('"state":"rejected"', '"state":"confirmed"')), /edited\.gz: its SHA-256 does not match/],
      ['bad-row.gz', gzipSync(text.replace('"state":"rejected"', '"state":42')), /bad-row\.gz: line \d+: bad flags row: state/],
      ['future.gz', gzipSync(text.replace('"version":1', '"version":2')), /future\.gz: backup format version 2 is newer than this Sieve reads \(1\)/],
      ['newer-schema.gz', sealed(text.replace(/"sieve_schema":"[^"]+"/, '"sieve_schema":"9999_later"')), /newer-schema\.gz was taken from a newer Sieve/],
      ['not-gzip.gz', Buffer.from('hello'), /not-gzip\.gz: not a complete gzip file/],
    ];
    for (const [name, body, message] of cases) {
      await expect(restoreBackup(dst.db, cliActor(), await variant(name, body)), name).rejects.toThrow(message);
    }
    await expect(restoreBackup(dst.db, cliActor(), join(tmp.dir, 'nowhere.gz'))).rejects.toMatchObject({ code: 'not_found', message: expect.stringContaining('nowhere.gz') });
    expect(await countAll(dst)).toEqual(empty);
  });

  it('names the datasets to ingest first, refuses pairs it cannot find, and never overwrites a row', async () => {
    const bare = await freshDatabase({ ingest: 'none' });
    await expect(restoreBackup(bare.db, cliActor(), file)).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/datasets this database does not have: "rows"; ingest them/) });
    expect(await countAll(bare)).toEqual(Object.fromEntries(Object.keys(before).map((k) => [k, 0])));

    const other = await freshDatabase({ ingest: 'other' });
    const otherEmpty = await countAll(other);
    await expect(restoreBackup(other.db, cliActor(), file)).rejects.toThrow(/rows name pairs this database does not have \(flags on "rows" shard \w+ row \d+/);
    expect(await countAll(other)).toEqual(otherEmpty);

    const dst = await freshDatabase();
    await restoreBackup(dst.db, cliActor(), file);
    const [open] = await dst.db.query<{ id: number }>("SELECT id FROM flags WHERE state = 'open' AND origin = 'human' ORDER BY id LIMIT 1");
    await decideFlag(dst.db, person('later', 'reviewer'), open.id, { decision: 'confirm' });
    const decided = await dumpTables(dst.db);
    await expect(restoreBackup(dst.db, cliActor(), file)).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/line \d+: flags id=\d+ .* is already in this database with another state; a restore never overwrites/) });
    expect(await dumpTables(dst.db)).toEqual(decided);
  });
});
