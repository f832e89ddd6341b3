// The hiding rule reaches pairs that arrive after the flag: a later ingest hides, in the shard's own transaction, the
// rows that share a hidden URL and those whose image copies a hidden one (the source's or a twin's), each for the
// source it copies; their files go in the background; a re-ingest hides them again; a rejected flag shows them.
import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import type { Actor } from '../auth/schemas';
import { decideFlag } from '../flags/decide-flag';
import { flagPairs } from '../flags/flag-pairs';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../ingest/ingest-dataset';
import { startSieveWorker } from '../server/start-server-worker';
import { MARK, writeFolder, writeHiddenFixture, type FixtureRow } from './__fixtures__/write-hidden-fixture';
import { DUPLICATE_COSINE } from './schemas';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let fixture: Awaited<ReturnType<typeof writeHiddenFixture>>;
let late: string;
let lateRows: FixtureRow[];
const curator: Actor = { kind: 'user', id: 'cur', email: 'cur@t.local', name: 'cur', role: 'curator', via: 'session', ip: null };
const reviewer: Actor = { kind: 'user', id: 'rev', email: 'rev@t.local', name: 'rev', role: 'reviewer', via: 'session', ip: null };
let source: number;

const nudge = (v: Float32Array, by: number) => v.map((x, j) => x + by * Math.cos(3 * j + 1));
const cosine = (a: Float32Array, b: Float32Array) => {
  let ab = 0, aa = 0, bb = 0;
  for (let i = 0; i < a.length; i++) { ab += a[i] * b[i]; aa += a[i] * a[i]; bb += b[i] * b[i]; }
  return ab / Math.sqrt(aa * bb);
};
const plain = (i: number, image: string, vector: Float32Array): FixtureRow => ({
  url: `https://late.example.org/${i}.jpg`, caption: `a later picture ${i}`, hash: `lh${i}`, key: `lk${i}`, originalUrl: `https://orig.example/late-${i}`, image, vector,
});

const hiddenRows = () => t.db.query<{ caption: string; cause: string; source_pair_id: number; cosine: number | null }>(
  'SELECT p.caption, h.cause, h.source_pair_id, h.cosine FROM hidden_pairs h JOIN pairs p ON p.id = h.pair_id ORDER BY p.caption',
);
const shownCaptions = async (dataset: string) => (await t.db.query<{ caption: string }>(
  'SELECT s.caption FROM shown_pairs s JOIN datasets d ON d.id = s.dataset_id WHERE d.name = $1 ORDER BY s.caption', [dataset],
)).map((r) => r.caption);

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('lookalikes-at-ingest');
  process.env.SIEVE_HOME = join(tmp.dir, 'home');
  await t.db.query("INSERT INTO users (id, name, email, role) VALUES ('cur', 'cur', 'cur@t.local', 'curator'), ('rev', 'rev', 'rev@t.local', 'reviewer')");
  fixture = await writeHiddenFixture(tmp.dir);
  await ingestDataset(t.db, { path: fixture.main, dataset: 'main' });
  [{ id: source }] = await t.db.query<{ id: number }>('SELECT id FROM pairs WHERE caption = $1', [`${MARK}source-caption`]);
  await flagPairs(t.db, curator, { target: { kind: 'pairs', pairIds: [source] }, reason: 'csam_suspected' });
  await t.db.query('DELETE FROM jobs');

  // Arrives after the flag: a copy of the source's image and a copy of its URL twin's image (the twin comes in the
  // same ingest, by URL), each under a URL of its own, a near miss, and an ordinary picture.
  const { main, mirror } = fixture.rows;
  // Their own image files: the hiding job leaves alone a file a shown pair also serves.
  await mkdir(join(tmp.dir, 'late-images'));
  const images = await Promise.all(main.slice(2, 6).map(async (r, i) => {
    const to = join(tmp.dir, 'late-images', `late-${i}.jpg`);
    await copyFile(r.image, to);
    return to;
  }));
  const far = nudge(main[0].vector, 0.6);
  expect(cosine(far, main[0].vector)).toBeLessThan(DUPLICATE_COSINE);
  lateRows = [
    { ...plain(0, images[0], nudge(main[0].vector, 0.02)), caption: `${MARK}late-copy-caption` },
    { ...plain(1, images[1], nudge(mirror[0].vector, 0.02)), caption: `${MARK}late-twin-copy-caption` },
    plain(2, images[2], far),
    plain(3, images[3], main[3].vector.map((x, j) => x * (1 + 0.5 * Math.sin(j)))),
  ];
  late = join(tmp.dir, 'late');
  await writeFolder(late, lateRows);
});
afterAll(async () => {
  await t?.close();
  await tmp?.cleanup();
});

describe('look-alikes and URL twins at ingest', () => {
  it('hides a later dataset\'s URL twin and the copies of a hidden image in the shard\'s transaction, each for its source', async () => {
    const summary = await ingestDataset(t.db, { path: fixture.mirror, dataset: 'late' });
    expect(summary.inserted).toBe(2);
    await ingestDataset(t.db, { path: late, dataset: 'late' });
    expect(await shownCaptions('late')).toEqual(['a later picture 2', 'a later picture 3', 'an ordinary picture 9']);
    const rows = await hiddenRows();
    expect(rows.map((r) => [r.caption, r.cause, r.source_pair_id])).toEqual([
      [`${MARK}late-copy-caption`, 'lookalike', source],
      [`${MARK}late-twin-copy-caption`, 'lookalike', source],
      [`${MARK}lookalike-caption`, 'lookalike', source],
      [`${MARK}source-caption`, 'flag', source],
      [`${MARK}twin-caption`, 'url', source],
    ]);
    for (const r of rows.filter((x) => x.cause === 'lookalike')) expect(r.cosine).toBeGreaterThanOrEqual(DUPLICATE_COSINE);
    // The files follow in the background, as when a flag hides a pair.
    const jobs = await t.db.query<{ kind: string }>("SELECT kind FROM jobs WHERE kind = 'hiding'");
    expect(jobs.length).toBeGreaterThan(0);
    const worker = startSieveWorker(t.db, { log: () => undefined, pollMs: 10 });
    await worker.idle();
    await worker.stop();
    expect(existsSync(lateRows[0].image)).toBe(false);
    expect(existsSync(lateRows[1].image)).toBe(false);
    expect(existsSync(lateRows[2].image)).toBe(true);
  });

  it('hides them again when the dataset is ingested anew, and shows them when a reviewer rejects the flag', async () => {
    await t.db.query("DELETE FROM pairs WHERE dataset_id = (SELECT id FROM datasets WHERE name = 'late')");
    await t.db.query("DELETE FROM ingest_shards WHERE dataset_id = (SELECT id FROM datasets WHERE name = 'late')");
    await ingestDataset(t.db, { path: fixture.mirror, dataset: 'late' });
    await ingestDataset(t.db, { path: late, dataset: 'late' });
    expect(await shownCaptions('late')).toEqual(['a later picture 2', 'a later picture 3', 'an ordinary picture 9']);

    const [flag] = await t.db.query<{ id: number }>("SELECT id FROM flags WHERE pair_id = $1 AND reason = 'csam_suspected'", [source]);
    await decideFlag(t.db, reviewer, flag.id, { decision: 'reject' });
    expect(await hiddenRows()).toEqual([]);
    expect(await shownCaptions('late')).toEqual([
      `${MARK}late-copy-caption`, `${MARK}late-twin-copy-caption`, `${MARK}twin-caption`, 'a later picture 2', 'a later picture 3', 'an ordinary picture 9',
    ]);
  });
});
