// The dataset overview on a real database: every aggregate checked against the same figures computed here from the
// dataset's rows; hidden pairs kept out of top domains; near-duplicate groups against brute-force cosines.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { cliActor } from '../auth/cli-actor';
import { parseVectorText } from '../db/pgvector';
import { decideFlag } from '../flags/decide-flag';
import { writeFlags } from '../flags/write-flags';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { writeNpy } from '../ingest/__fixtures__/write-npy';
import { ingestDataset } from '../ingest/ingest-dataset';
import { gaussian } from '../search/__fixtures__/write-clustered-folder';
import { DUPLICATE_COSINE } from '../search/schemas';
import { countExactDuplicates, LARGEST_GROUPS } from './count-exact-duplicates';
import { getDatasetOverview, TOP_VALUES } from './overview';
import { HISTOGRAM_COLUMNS, INTEGER_COLUMNS, type DatasetOverview } from './overview-schemas';
import { sampleIds, sampleNearDuplicates } from './sample-near-duplicates';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
const ROWS = 400;
const SECRET_URL = 'https://secret.example.org/a.jpg';

interface Row {
  id: number; url: string; domain: string | null; hash: string | null; language: string | null; license: string | null;
  punsafe: number | null; pwatermark: number | null; aesthetic: number | null; similarity: number | null; width: number | null; height: number | null;
}
let rows: Row[];

function uniform(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) + 0.5) / 2 ** 32;
}

/** 400 LAION-like rows in two shards: 40 URLs shared three ways, 30 hashes three ways, mixed-case languages, gaps. */
function writeMain(dir: string, first: number, count: number) {
  const rand = uniform(first + 1);
  const ids = Array.from({ length: count }, (_, k) => first + k);
  const url = (i: number) => (i === 300 || i === 301 ? SECRET_URL : i < 120 ? `https://www.Dup${(i % 40) % 3}.example.com/x/${i % 40}.jpg` : `https://s${i % 7}.example.net/p/${i}.jpg`);
  const hash = (i: number) => (i < 90 ? `h${i % 30}` : i % 5 === 0 ? null : `u${i}`);
  const language = (i: number) => (i % 10 < 5 ? (i % 4 === 0 ? 'EN' : 'en') : i % 10 < 8 ? 'de' : i % 10 === 8 ? 'fr' : null);
  const license = (i: number) => (i % 16 === 15 ? null : ['CC-BY', 'cc-by-sa', 'cc-by-sa', '?', '?', '?', '?', 'cc-by'][i % 8]);
  parquetWriteFile({
    filename: join(dir, `part-${first}.parquet`),
    columnData: [
      { name: 'URL', data: ids.map(url), type: 'STRING' },
      { name: 'TEXT', data: ids.map((i) => `caption ${i}`), type: 'STRING' },
      { name: 'hash', data: ids.map(hash), type: 'STRING' },
      { name: 'LANGUAGE', data: ids.map(language), type: 'STRING' },
      { name: 'LICENSE', data: ids.map(license), type: 'STRING' },
      // Some scores right on a bar's edge (0.7 is stored as the real 0.69999998…).
      { name: 'punsafe', data: ids.map((i) => (i % 17 === 0 ? null : i % 11 === 0 ? (i % 10) / 10 : rand())), type: 'FLOAT' },
      { name: 'pwatermark', data: ids.map(() => rand() * 0.6), type: 'FLOAT' },
      { name: 'AESTHETIC_SCORE', data: ids.map(() => 3 + rand() * 5), type: 'FLOAT' },
      { name: 'similarity', data: ids.map(() => 0.25 + rand() * 0.15), type: 'FLOAT' },
      { name: 'WIDTH', data: ids.map((i) => (i % 3 === 0 ? 32 + Math.floor(rand() * 4000) : 200 + Math.floor(rand() * 800))), type: 'INT32' },
      { name: 'HEIGHT', data: ids.map(() => 100 + Math.floor(rand() * 300)), type: 'INT32' },
    ],
  });
}

/** 120 unrelated image vectors, then near-copies: one each of the first 30, four of the 41st (a group of five). */
async function writeLooks(root: string): Promise<number> {
  const dim = 512;
  const rand = gaussian(11);
  const base = Array.from({ length: 120 }, () => Float32Array.from({ length: dim }, rand));
  const copy = (v: Float32Array) => v.map((x) => x + 0.1 * rand());
  const vectors = [...base, ...base.slice(0, 30).map(copy), ...[1, 2, 3, 4].map(() => copy(base[40]))];
  await mkdir(join(root, 'metadata'), { recursive: true });
  await mkdir(join(root, 'img_emb'), { recursive: true });
  parquetWriteFile({
    filename: join(root, 'metadata', 'metadata_0.parquet'),
    columnData: [
      { name: 'url', data: vectors.map((_, i) => `https://looks.example.org/${i}.jpg`), type: 'STRING' },
      { name: 'caption', data: vectors.map((_, i) => `look ${i}`), type: 'STRING' },
    ],
  });
  const data = new Float32Array(vectors.length * dim);
  vectors.forEach((v, i) => data.set(v, i * dim));
  await writeNpy(join(root, 'img_emb', 'img_emb_0.npy'), { descr: '<f4', shape: [vectors.length, dim], data });
  return vectors.length;
}

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('overview');
  process.env.SIEVE_HOME = tmp.dir;
  const main = join(tmp.dir, 'main');
  await mkdir(main);
  writeMain(main, 0, 200);
  writeMain(main, 200, 200);
  await ingestDataset(t.db, { path: main, dataset: 'main' });
  // The same URLs and hashes in another dataset: nothing of it may count in main's figures.
  const other = join(tmp.dir, 'other');
  await mkdir(other);
  writeMain(other, 0, 150);
  await ingestDataset(t.db, { path: other, dataset: 'other' });
  await writeLooks(join(tmp.dir, 'looks'));
  await ingestDataset(t.db, { path: join(tmp.dir, 'looks'), dataset: 'looks' });

  rows = await t.db.query<Row>(
    `SELECT p.id, p.url, p.domain, p.hash, p.language, p.license, p.punsafe::float8 AS punsafe, p.pwatermark::float8 AS pwatermark,
            p.aesthetic::float8 AS aesthetic, p.similarity::float8 AS similarity, p.width, p.height
       FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'main' ORDER BY p.source_file, p.source_row`,
  );
  const id = (i: number) => rows[i].id;
  const actor = cliActor();
  await writeFlags(t.db, actor, { pairIds: [id(300)], reason: 'csam_suspected', note: null });
  await writeFlags(t.db, actor, { pairIds: [0, 1, 2, 3, 4].map(id), reason: 'watermark', note: null });
  await writeFlags(t.db, actor, { pairIds: [0, 5, 6, 7].map(id), reason: 'sexual', note: null, confirmed: true });
  await writeFlags(t.db, actor, { pairIds: [8, 9].map(id), reason: 'hate', note: null });
  const hate = await t.db.query<{ id: number }>("SELECT id FROM flags WHERE reason = 'hate' ORDER BY id");
  for (const f of hate) await decideFlag(t.db, actor, f.id, { decision: 'reject' });
});
afterAll(async () => {
  await t?.close();
  await tmp?.cleanup();
});

/** Counts of each value, most first, ties by value: what the overview lists. */
function tally(values: (string | null)[]): { value: string | null; count: number }[] {
  const counts = new Map<string | null, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
}

describe('getDatasetOverview', () => {
  let o: DatasetOverview;
  /** What the figures count: the hiding rule leaves out the suspected-CSAM pair and the other pair with its URL. */
  let shownRows: Row[];
  beforeAll(async () => {
    o = await getDatasetOverview('main', t.db);
    shownRows = rows.filter((r) => r.url !== SECRET_URL);
  });

  it('counts pairs, vectors and flagged pairs (an open or confirmed flag of any reason; rejected ones not)', () => {
    expect(o.dataset.name).toBe('main');
    expect(o.counts).toEqual({ pairs: ROWS - 2, withImageEmbedding: 0, withTextEmbedding: 0, flagged: 8, hidden: 2 });
    expect(o.ingest.shards).toBe(2);
    expect(o.ingest.rows).toBe(ROWS);
    expect(o.ingest.recent.map((s) => s.rows)).toEqual([200, 200]);
    expect(o.ingest.recent.map((s) => s.sourceFile).sort()).toEqual(['part-0.parquet', 'part-200.parquet']);
  });

  it('counts flags by reason and state', () => {
    expect(o.flags).toEqual([
      { reason: 'hate', state: 'rejected', count: 2 },
      { reason: 'sexual', state: 'confirmed', count: 4 },
      { reason: 'watermark', state: 'open', count: 5 },
    ]);
  });

  it('draws each column as contiguous bars whose counts are the rows in their ranges', () => {
    expect(o.histograms.map((h) => h.column)).toEqual([...HISTOGRAM_COLUMNS]);
    for (const h of o.histograms) {
      const values = shownRows.map((r) => r[h.column]).filter((v): v is number => v !== null);
      // Compared as the database compares them: a score (real) with edges of its own precision.
      const edge = INTEGER_COLUMNS.has(h.column) ? (e: number) => e : Math.fround;
      expect(h.missing, h.column).toBe(shownRows.length - values.length);
      expect(h.bins.length, h.column).toBeGreaterThan(1);
      expect(edge(h.bins[0].lo)).toBeLessThanOrEqual(Math.min(...values));
      expect(edge(h.bins.at(-1)!.hi)).toBeGreaterThanOrEqual(Math.max(...values));
      h.bins.forEach((b, i) => {
        if (i > 0) expect(b.lo).toBe(h.bins[i - 1].hi);
        const last = i === h.bins.length - 1;
        const [lo, hi] = [edge(b.lo), edge(b.hi)];
        const expected = values.filter((v) => v >= lo && (v < hi || (last && v === hi))).length;
        expect(b.count, `${h.column} [${b.lo}, ${b.hi})`).toBe(expected);
      });
    }
    const punsafe = o.histograms.find((h) => h.column === 'punsafe')!;
    expect(punsafe.missing).toBe(shownRows.filter((r) => r.punsafe === null).length);
    // A score of 0.7 is in the bar from 0.7, as the search filter punsafeMin=0.7 finds it.
    const onEdge = shownRows.filter((r) => r.punsafe === Math.fround(0.7)).length;
    expect(onEdge).toBeGreaterThan(0);
    expect(punsafe.bins.find((b) => b.lo === 0.7)!.count).toBeGreaterThanOrEqual(onEdge);
    // Widths from 32 to 4,000 get doubling bars; heights from 100 to 400 equal ones.
    expect(o.histograms.find((h) => h.column === 'width')!.bins.map((b) => b.lo)).toContain(512);
    const heights = o.histograms.find((h) => h.column === 'height')!.bins;
    expect(new Set(heights.map((b) => b.hi - b.lo)).size).toBe(1);
  });

  it('lists top domains, languages and licences without the hidden pairs (a suspected-CSAM pair and every pair with its URL)', () => {
    const shown = rows.filter((r) => r.url !== SECRET_URL);
    expect(rows.length - shown.length).toBe(2);
    const top = Object.fromEntries(o.top.map((x) => [x.kind, x]));
    // Languages and licences lowercased, as the search filter compares them; a missing one as null.
    expect(top.language.items).toEqual(tally(shown.map((r) => r.language?.toLowerCase() ?? null)));
    expect(top.language.items.map((i) => i.value)).toEqual(['en', 'de', 'fr', null]);
    expect(top.language.distinct).toBe(3);
    expect(top.license.items).toEqual(tally(shown.map((r) => r.license?.toLowerCase() ?? null)));
    expect(top.license.distinct).toBe(3);
    const domains = tally(shown.map((r) => r.domain));
    expect(top.domain.distinct).toBe(domains.filter((d) => d.value !== null).length);
    expect(top.domain.items).toHaveLength(Math.min(TOP_VALUES, domains.length));
    const byValue = (a: { value: string | null }, b: { value: string | null }) => String(a.value).localeCompare(String(b.value));
    expect([...top.domain.items].sort(byValue)).toEqual(domains.slice(0, TOP_VALUES).sort(byValue));
    expect(top.domain.items.map((d) => d.value)).not.toContain('secret.example.org');
    expect(rows.filter((r) => r.domain === 'secret.example.org')).toHaveLength(2);
  });

  it('counts exact duplicates by URL and by hash within the dataset, largest groups first with a pair of each', async () => {
    const d = await countExactDuplicates('main', t.db);
    for (const kind of ['url', 'hash'] as const) {
      const groups = new Map<string, number[]>();
      for (const r of shownRows) if (r[kind] !== null) groups.set(r[kind]!, [...(groups.get(r[kind]!) ?? []), r.id]);
      const shared = [...groups.values()].filter((ids) => ids.length > 1);
      const largest = shared.map((ids) => ({ pairId: Math.min(...ids), size: ids.length })).sort((a, b) => b.size - a.size || a.pairId - b.pairId);
      expect(d[kind], kind).toEqual({ groups: shared.length, pairs: shared.reduce((n, ids) => n + ids.length, 0), largest: largest.slice(0, LARGEST_GROUPS) });
    }
    expect(d.url.groups).toBe(40);
    expect(d.hash).toMatchObject({ groups: 30, pairs: 90 });
    await expect(countExactDuplicates('nope', t.db)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('refuses a dataset that does not exist', async () => {
    await expect(getDatasetOverview('nope', t.db)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('shows an empty dataset as zeros and no bars', async () => {
    await t.db.query("INSERT INTO datasets (name, model) VALUES ('empty', 'm')");
    const e = await getDatasetOverview('empty', t.db);
    expect(e.counts).toEqual({ pairs: 0, withImageEmbedding: 0, withTextEmbedding: 0, flagged: 0, hidden: 0 });
    expect(e.histograms.every((h) => h.bins.length === 0 && h.missing === 0)).toBe(true);
    expect(e.top.every((x) => x.items.length === 0)).toBe(true);
    expect((await countExactDuplicates('empty', t.db)).url).toEqual({ groups: 0, pairs: 0, largest: [] });
  });
});

describe('sampleNearDuplicates', () => {
  let ids: number[];
  /** Groups of pairs linked by an image cosine ≥ 0.94, by brute force over the stored (halfvec) vectors. */
  let truth: Map<number, number[]>;
  beforeAll(async () => {
    const stored = await t.db.query<{ id: number; v: string }>(
      "SELECT p.id, p.img_emb::text AS v FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'looks' ORDER BY p.id",
    );
    ids = stored.map((s) => s.id);
    const vectors = stored.map((s) => parseVectorText(s.v)!);
    const cosine = (a: Float32Array, b: Float32Array) => {
      let dot = 0, na = 0, nb = 0;
      for (let i = 0; i < a.length; i++) (dot += a[i] * b[i]), (na += a[i] * a[i]), (nb += b[i] * b[i]);
      return dot / Math.sqrt(na * nb);
    };
    truth = new Map(ids.map((id, i) => [id, ids.filter((other, j) => j !== i && cosine(vectors[i], vectors[j]) >= DUPLICATE_COSINE)]));
  });

  it('compares every pair of a small dataset and finds exactly the groups brute force finds', async () => {
    const s = await sampleNearDuplicates('looks', t.db);
    expect(s).toMatchObject({ cosine: DUPLICATE_COSINE, exhaustive: true, sampled: 154, population: 154, reason: null });
    // 30 pairs of an image and its copy, and one image with four copies.
    expect(s.estimatedGroups).toBe(31);
    expect(s.estimatedPairs).toBe(65);
    expect(s.sampledWithDuplicates).toBe([...truth.values()].filter((n) => n.length > 0).length);
    expect(s.groups[0]).toEqual({ pairId: ids[40], size: 5 });
    expect(s.groups.slice(1).every((g) => g.size === 2)).toBe(true);
  });

  it('estimates from an even sample of a bigger dataset', async () => {
    const s = await sampleNearDuplicates('looks', t.db, { sample: 40 });
    const probed = sampleIds(ids[0], ids.at(-1)!, 40);
    const linked = probed.filter((id) => truth.get(id)!.length > 0);
    expect(s).toMatchObject({ exhaustive: false, sampled: 40, population: 154, sampledWithDuplicates: linked.length });
    expect(s.estimatedPairs).toBe(Math.round((linked.length / 40) * 154));
    const groups = linked.reduce((n, id) => n + 1 / (truth.get(id)!.length + 1), 0);
    expect(s.estimatedGroups).toBe(Math.round((groups / 40) * 154));
    for (const g of s.groups) expect(g.size).toBeLessThanOrEqual(5);
  });

  it('says why when there is nothing to compare', async () => {
    const s = await sampleNearDuplicates('main', t.db);
    expect(s.reason).toMatch(/no image embeddings/);
    expect(s.sampled).toBe(0);
    await expect(sampleNearDuplicates('nope', t.db)).rejects.toMatchObject({ code: 'not_found' });
  });
});
