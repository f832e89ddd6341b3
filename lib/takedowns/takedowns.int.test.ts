// Takedowns on a real database: matching by URL, prefix, domain, hash, key, caption and image; preview exclusions;
// apply once (re-apply adds none); a csam_report hides at once; block lists now and at every later ingest; the
// public form's token; audit events for every step.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeWebRows } from './__fixtures__/write-web-rows';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/schemas';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../ingest/ingest-dataset';
import { DEMO_DIR } from '../ingest/load-demo';
import { getPair } from '../pairs/get-pair';
import { useTinyClip } from '../search/__fixtures__/use-tiny-clip';
import { applyTakedown } from './apply-takedown';
import { changeMatches } from './change-matches';
import { closeTakedown } from './close-takedown';
import { createTakedown } from './create-takedown';
import { getOptOutStatus } from './get-opt-out-status';
import { getTakedown } from './get-takedown';
import { importBlockList } from './import-block-list';
import { matchTakedown } from './match-takedown';
import { submitOptOut } from './submit-opt-out';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
const curator: Actor = { kind: 'user', id: 'cur', email: 'cur@t.local', name: 'cur', role: 'curator', via: 'session', ip: '10.0.0.9' };
let pairs: { id: number; url: string; hash: string | null; sample_id: string | null; caption: string }[];

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('takedowns');
  process.env.SIEVE_HOME = tmp.dir;
  await t.db.query("INSERT INTO users (id, name, email, role) VALUES ('cur', 'cur', 'cur@t.local', 'curator')");
  writeWebRows(join(tmp.dir, 'web.parquet'), [
    { url: 'https://photos.janedoe.net/2019/beach.jpg', caption: 'Jane Doe at the beach', hash: '1111', key: 'k0' },
    { url: 'https://photos.janedoe.net/2019/party.jpg', caption: 'party night', hash: '2222', key: 'k1' },
    { url: 'https://cdn.janedoe.net/me.jpg', caption: 'portrait', key: 'k2' },
    { url: 'https://janedoe.net.evil.org/x.jpg', caption: 'not hers', hash: '3333', key: 'k3' },
    { url: 'https://other.org/a_b%c.jpg', caption: 'a strange URL', key: 'k4' },
    { url: 'https://other.org/axbyc.jpg', caption: 'looks alike', key: 'k5' },
  ]);
  await ingestDataset(t.db, { path: join(tmp.dir, 'web.parquet'), dataset: 'web' });
  pairs = await t.db.query('SELECT id, url, hash, sample_id, caption FROM pairs ORDER BY id');
});
afterAll(async () => {
  delete process.env.SIEVE_MODEL_DIR;
  await t?.close();
  await tmp?.cleanup();
});

const matchesOf = async (id: number) => {
  const d = await getTakedown(id, t.db);
  return Object.fromEntries(d.items.map((i) => [`${i.kind}:${i.value ?? 'image'}`, i.matches]));
};

describe('matching', () => {
  it('matches exact URLs, prefixes (with LIKE characters taken literally), domains with subdomains, hashes, keys and caption words', async () => {
    const id = await createTakedown(t.db, curator, {
      kind: 'privacy', requester: 'Jane Doe', contact: 'jane@example.org',
      items: [
        { kind: 'url', value: pairs[0].url },
        { kind: 'url_prefix', value: 'https://other.org/a_b%' },
        { kind: 'domain', value: 'janedoe.net' },
        { kind: 'hash', value: '2222' },
        { kind: 'key', value: 'k2' },
        { kind: 'caption', value: 'Jane Doe' },
      ],
    });
    expect((await getTakedown(id, t.db)).state).toBe('received');
    await matchTakedown(t.db, curator, id);
    expect(await matchesOf(id)).toEqual({
      [`url:${pairs[0].url}`]: 1, 'url_prefix:https://other.org/a_b%': 1, 'domain:janedoe.net': 3, 'hash:2222': 1, 'key:k2': 1, 'caption:Jane Doe': 1,
    });
    const d = await getTakedown(id, t.db);
    expect(d).toMatchObject({ state: 'matched', matches: 4, reason: 'pii', overdue: false });
    expect(d.samples.every((s) => s.pair.id > 0)).toBe(true);
  });

  it('matches an image by CLIP similarity, and the threshold can be moved', async () => {
    await useTinyClip(join(tmp.dir, 'tiny'), 32);
    await ingestDataset(t.db, { path: join(DEMO_DIR, 'photos'), dataset: 'photos' });
    const { embedDataset } = await import('../embeddings/embed-dataset');
    await embedDataset(t.db, { dataset: 'photos', modality: 'image' });
    const horse = join(DEMO_DIR, 'photos', '00000', '000000004.png');
    const { readFile } = await import('node:fs/promises');
    const id = await createTakedown(t.db, curator, { kind: 'copyright_optout', requester: 'A photographer', items: [{ kind: 'image', upload: 'photo', threshold: 0.99 }] }, { photo: await readFile(horse) });
    await matchTakedown(t.db, curator, id);
    const d = await getTakedown(id, t.db);
    const [horsePair] = await t.db.query<{ id: number }>("SELECT id FROM pairs WHERE image_path LIKE '%000000004.png'");
    expect(d.samples.map((s) => s.pair.id)).toContain(horsePair.id);
    expect(d.samples.find((s) => s.pair.id === horsePair.id)!.similarity).toBeGreaterThan(0.99);
    await changeMatches(t.db, curator, id, { itemId: d.items[0].id, threshold: 0.5 });
    expect((await getTakedown(id, t.db)).items[0].matches).toBeGreaterThan(d.items[0].matches);
  });
});

describe('apply', () => {
  it('flags every kept match once (re-apply adds none), leaves a dropped false match alone, and closes with its history', async () => {
    const id = await createTakedown(t.db, curator, { kind: 'copyright_optout', requester: 'Site owner', items: [{ kind: 'domain', value: 'other.org' }] });
    await expect(applyTakedown(t.db, curator, id)).rejects.toMatchObject({ code: 'conflict' });
    await matchTakedown(t.db, curator, id);
    const d = await getTakedown(id, t.db);
    await changeMatches(t.db, curator, id, { itemId: d.items[0].id, pairId: pairs[5].id, excluded: true });
    // A re-match keeps the curator's "not a match".
    await matchTakedown(t.db, curator, id);
    expect((await applyTakedown(t.db, curator, id))).toEqual({ pairs: 1, flagged: 1 });
    expect(await applyTakedown(t.db, curator, id)).toEqual({ pairs: 1, flagged: 0 });
    // A curator applied it: open, for a reviewer to decide (app/api/powers.int.test.ts has who confirms at once).
    const flags = await t.db.query<{ pair_id: number; reason: string; takedown_id: number; state: string }>('SELECT pair_id, reason, takedown_id, state FROM flags WHERE takedown_id = $1', [id]);
    expect(flags).toEqual([{ pair_id: pairs[4].id, reason: 'copyright_optout', takedown_id: id, state: 'open' }]);
    await expect(closeTakedown(t.db, curator, id, { action: 'reject' })).rejects.toThrow(/say why/);
    await closeTakedown(t.db, curator, id, { action: 'close' });
    const actions = (await t.db.query<{ action: string }>("SELECT action FROM audit_events WHERE subject = $1 ORDER BY id", [`takedown:${id}`])).map((r) => r.action);
    expect(actions).toEqual(['takedown.create', 'takedown.match', 'takedown.exclude', 'takedown.match', 'takedown.apply', 'takedown.apply', 'takedown.close']);
  });

  it('a csam_report hides the matched images at once', async () => {
    const id = await createTakedown(t.db, curator, { kind: 'csam_report', requester: 'A hotline', items: [{ kind: 'hash', value: '3333' }] });
    await matchTakedown(t.db, curator, id);
    await applyTakedown(t.db, curator, id);
    await expect(getPair(pairs[3].id, t.db)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('records and closes a request whose items match nothing, and refuses an empty one', async () => {
    const id = await createTakedown(t.db, curator, { kind: 'other', requester: 'Someone', items: [{ kind: 'url', value: 'https://nowhere.example/x.jpg' }] });
    await matchTakedown(t.db, curator, id);
    expect((await getTakedown(id, t.db)).matches).toBe(0);
    await closeTakedown(t.db, curator, id, { action: 'close' });
    await expect(createTakedown(t.db, curator, { kind: 'other', requester: 'x', items: [] })).rejects.toThrow(/at least one/);
  });
});

describe('block lists', () => {
  it('flags what it names now, and flags matching rows of every later ingest on the way in', async () => {
    const list = join(tmp.dir, 'blocked.txt');
    await writeFile(list, ['# removed by request', 'https://photos.janedoe.net/2019/party.jpg', 'blocked.example.com', '', '9999'].join('\n'));
    const r = await importBlockList(t.db, curator, { name: 'hotline', file: list, reason: 'copyright_optout' });
    expect(r).toMatchObject({ entries: 3, added: 3, removed: 0, flagged: 1 });
    writeWebRows(join(tmp.dir, 'new.parquet'), [
      { url: 'https://img.blocked.example.com/1.jpg', caption: 'new 1' },
      { url: 'https://fine.example.com/2.jpg', caption: 'new 2', hash: '9999' },
      { url: 'https://fine.example.com/3.jpg', caption: 'new 3' },
    ]);
    const ingest = await ingestDataset(t.db, { path: join(tmp.dir, 'new.parquet'), dataset: 'later' });
    expect(ingest).toMatchObject({ inserted: 3, blocked: 2 });
    const flagged = await t.db.query<{ caption: string }>(
      "SELECT p.caption FROM flags f JOIN pairs p ON p.id = f.pair_id JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'later' AND f.block_list_id IS NOT NULL ORDER BY p.caption",
    );
    expect(flagged.map((x) => x.caption)).toEqual(['new 1', 'new 2']);
  });

  it('re-imports as a difference, and reports bad lines by number unless told to keep going', async () => {
    const list = join(tmp.dir, 'blocked.txt');
    await writeFile(list, ['blocked.example.com', 'ftp://nope', 'not a domain or hash!'].join('\n'));
    await expect(importBlockList(t.db, curator, { name: 'hotline', file: list })).rejects.toThrow(/line 2: not an http\(s\) URL.*line 3: not a URL, domain or hash/);
    const r = await importBlockList(t.db, curator, { name: 'hotline', file: list, keepGoing: true });
    expect(r).toMatchObject({ entries: 1, added: 0, removed: 2, skipped: [{ line: 2 }, { line: 3 }] });
    expect((await t.db.query("SELECT action FROM audit_events WHERE subject LIKE 'blocklist:%' ORDER BY id")).map((e) => (e as { action: string }).action)).toEqual(['blocklist.create', 'blocklist.update']);
  });
});

describe('the public opt-out form', () => {
  it("gives a tracking link that shows only that request's state, and limits requests per address", async () => {
    const a = await submitOptOut(t.db, '10.9.9.9', { name: 'Jane', contact: 'jane@example.org', urls: [pairs[1].url], statement: 'Please remove my party photo.' });
    const b = await submitOptOut(t.db, '10.9.9.9', { name: 'Bob', contact: 'bob@example.org', domains: ['bob.example.net'], statement: 'Remove everything from my site.' });
    expect(a.token).not.toBe(b.token);
    expect(await getOptOutStatus(a.token, t.db)).toEqual({ received: expect.any(String), state: 'received', closedAt: null, removed: 0 });
    await expect(getOptOutStatus(`${a.token}x`, t.db)).rejects.toMatchObject({ code: 'not_found' });
    const [row] = await t.db.query<{ token_hash: string; requester: string }>("SELECT token_hash, requester FROM takedowns WHERE requester = 'Jane'");
    expect(row.token_hash).not.toContain(a.token);
    for (let i = 0; i < 3; i++) await submitOptOut(t.db, '10.9.9.9', { name: `n${i}`, contact: 'x@example.org', urls: ['https://x.example/1.jpg'], statement: 'Remove this, please.' });
    await expect(submitOptOut(t.db, '10.9.9.9', { name: 'n', contact: 'x@example.org', urls: ['https://x.example/1.jpg'], statement: 'Remove this, please.' })).rejects.toMatchObject({ code: 'rate_limited' });
    await expect(submitOptOut(t.db, '10.9.9.8', { name: 'n', contact: 'x@example.org', statement: 'Remove this, please.' })).rejects.toThrow(/at least one URL/);
  });
});
