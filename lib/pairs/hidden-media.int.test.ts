// Media follows the hiding rule: when a pair becomes hidden, the 'hiding' job deletes the local images of it, its URL
// twins (one an extracted webdataset tar member) and its look-alike, with their cached thumbnails, forgets their
// paths and audits it by pair id; `sieve purge-media` also finds tar members extracted again and orphaned
// thumbnails, and never touches what a shown pair serves (another download's tar with the same keys included).
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import type { Actor } from '../auth/schemas';
import { runSieve } from '../cli/__fixtures__/run-sieve';
import { flagPairs } from '../flags/flag-pairs';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { packTar } from '../ingest/__fixtures__/pack-tar';
import { ingestDataset } from '../ingest/ingest-dataset';
import { startSieveWorker } from '../server/start-server-worker';
import { MARK, writeHiddenFixture } from './__fixtures__/write-hidden-fixture';
import { getPairThumbnail } from './get-pair-thumbnail';
import { thumbnailFiles, thumbnailsRoot } from './thumbnail-file';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
const curator: Actor = { kind: 'user', id: 'cur', email: 'cur@t.local', name: 'cur', role: 'curator', via: 'session', ip: null };
/** Pair id → its local image, before anything is hidden. */
let images: Map<number, string>;
let hidden: { source: number; lookalike: number; twin: number; tarTwin: number };
let shown: { plain: number; tar: number; otherDownload: number };

async function tarFolder(root: string, samples: { key: string; url: string; caption: string; image: Buffer }[]) {
  await mkdir(root, { recursive: true });
  await packTar(join(root, '00000.tar'), samples.flatMap((s) => [
    { name: `${s.key}.jpg`, data: s.image },
    { name: `${s.key}.txt`, data: s.caption },
    { name: `${s.key}.json`, data: JSON.stringify({ key: s.key, url: s.url, caption: s.caption, status: 'success' }) },
  ]));
}

const thumbnailsOf = async (file: string) => thumbnailFiles(file, await stat(file));

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('hidden-media');
  process.env.SIEVE_HOME = join(tmp.dir, 'home');
  await t.db.query("INSERT INTO users (id, name, email, role) VALUES ('cur', 'cur', 'cur@t.local', 'curator')");
  const f = await writeHiddenFixture(tmp.dir);
  await ingestDataset(t.db, { path: f.main, dataset: 'main' });
  await ingestDataset(t.db, { path: f.mirror, dataset: 'mirror' });
  const jpeg = await readFile(f.rows.main[2].image);
  // A webdataset download holding the source's URL, and another download whose tar has the same name and keys.
  await tarFolder(join(tmp.dir, 'tars'), [
    { key: '000000001', url: f.rows.main[0].url, caption: `${MARK}tar-caption`, image: jpeg },
    { key: '000000002', url: 'https://ok.example.org/tar-2.jpg', caption: 'a shown tar sample', image: jpeg },
  ]);
  await tarFolder(join(tmp.dir, 'tars-other'), [{ key: '000000001', url: 'https://ok.example.org/other-1.jpg', caption: 'another download', image: jpeg }]);
  await ingestDataset(t.db, { path: join(tmp.dir, 'tars'), dataset: 'shards' });
  await ingestDataset(t.db, { path: join(tmp.dir, 'tars-other'), dataset: 'shards' });
  const rows = await t.db.query<{ id: number; caption: string; image_path: string }>('SELECT id, caption, image_path FROM pairs ORDER BY id');
  const by = (caption: string) => rows.find((r) => r.caption === caption)!.id;
  images = new Map(rows.map((r) => [r.id, r.image_path]));
  hidden = { source: by(`${MARK}source-caption`), lookalike: by(`${MARK}lookalike-caption`), twin: by(`${MARK}twin-caption`), tarTwin: by(`${MARK}tar-caption`) };
  shown = { plain: by('an ordinary picture 2'), tar: by('a shown tar sample'), otherDownload: by('another download') };
  expect(images.get(hidden.tarTwin)).toContain(join('home', 'media', 'shards'));
  expect(images.get(shown.otherDownload)!.endsWith(join('00000', '000000001.jpg'))).toBe(true);
  // Thumbnails cached for all of them, as the grid would have made them.
  for (const id of [...Object.values(hidden), ...Object.values(shown)]) await getPairThumbnail(id, 256, t.db);
});
afterAll(async () => {
  await t?.close();
  await tmp?.cleanup();
});

async function runJobs() {
  const worker = startSieveWorker(t.db, { log: () => undefined, pollMs: 10 });
  await worker.idle();
  await worker.stop();
}

describe('the hiding job', () => {
  it('deletes the images and thumbnails of the source, its twins and its look-alike, and forgets their paths', async () => {
    const thumbs = new Map(await Promise.all([...Object.values(hidden), ...Object.values(shown)].map(async (id) => [id, await thumbnailsOf(images.get(id)!)] as const)));
    for (const id of Object.values(hidden)) expect(existsSync(thumbs.get(id)![0])).toBe(true);
    await flagPairs(t.db, curator, { target: { kind: 'pairs', pairIds: [hidden.source] }, reason: 'csam_suspected' });
    await runJobs();
    for (const [name, id] of Object.entries(hidden)) {
      expect(existsSync(images.get(id)!), name).toBe(false);
      expect(thumbs.get(id)!.filter(existsSync), name).toEqual([]);
    }
    for (const [name, id] of Object.entries(shown)) {
      expect(existsSync(images.get(id)!), name).toBe(true);
      expect(existsSync(thumbs.get(id)![0]), name).toBe(true);
    }
    const paths = await t.db.query<{ id: number; image_path: string | null }>('SELECT id, image_path FROM pairs WHERE id = ANY($1::bigint[]) ORDER BY id', [Object.values(hidden)]);
    expect(paths.every((p) => p.image_path === null)).toBe(true);
    const events = await t.db.query<{ subject: string; details: object }>("SELECT subject, details FROM audit_events WHERE action = 'media.delete' ORDER BY subject");
    expect(events.map((e) => e.subject).sort()).toEqual(Object.values(hidden).map((id) => `pair:${id}`).sort());
    for (const e of events) {
      expect(e.details).toMatchObject({ reason: 'hidden', files: 1, thumbnails: 1 });
      expect(JSON.stringify(e.details)).not.toMatch(new RegExp(`${MARK}|${tmp.dir}|\\.jpg`));
    }
  });
});

describe('sieve purge-media', () => {
  it('also deletes tar members extracted again and orphaned thumbnails, and nothing a shown pair serves', async () => {
    // An older Sieve re-extracted the twin's member when the same tar was ingested again; a thumbnail of it and a
    // stray one are left in the cache.
    const again = images.get(hidden.tarTwin)!;
    await copyFile(images.get(shown.tar)!, again);
    await getPairThumbnail(shown.tar, 512, t.db);
    const [againThumb] = await thumbnailsOf(again);
    await mkdir(dirname(againThumb), { recursive: true });
    await writeFile(againThumb, 'old thumbnail');
    const stray = join(thumbnailsRoot(), 'ab', `ab${'0'.repeat(30)}.webp`);
    await mkdir(dirname(stray), { recursive: true });
    await writeFile(stray, 'stray');
    const keep = (await Promise.all(Object.values(shown).map((id) => thumbnailsOf(images.get(id)!)))).flat().filter(existsSync);
    expect(keep.length).toBeGreaterThanOrEqual(4);

    const run = await runSieve(t, process.env.SIEVE_HOME!, ['purge-media', '--reason', 'csam_suspected']);
    expect(run).toMatchObject({ code: 0, out: expect.stringMatching(/0 image files deleted for 0 pairs .*; 1 extracted tar members and 2 thumbnails deleted/) });
    expect(existsSync(again)).toBe(false);
    expect(existsSync(againThumb)).toBe(false);
    expect(existsSync(stray)).toBe(false);
    expect(keep.filter(existsSync)).toEqual(keep);
    for (const id of Object.values(shown)) expect(existsSync(images.get(id)!)).toBe(true);
    const events = await t.db.query<{ subject: string; details: object }>("SELECT subject, details FROM audit_events WHERE action = 'media.purge' ORDER BY id");
    expect(events.map((e) => e.subject)).toEqual(['media', 'thumbnails']);
    expect(events[0].details).toMatchObject({ extracted: 1, pairIds: [hidden.tarTwin] });
    expect(JSON.stringify(events)).not.toMatch(new RegExp(`${MARK}|${tmp.dir}|\\.jpg`));
    // A second purge finds nothing.
    expect((await runSieve(t, process.env.SIEVE_HOME!, ['purge-media', '--reason', 'csam_suspected'])).out).toMatch(/^0 image files .*; 0 extracted tar members and 0 thumbnails/);
  });
});
