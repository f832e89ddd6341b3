// Duplicate groups on a real database: clip-photos' real CLIP vectors plus a folder of copies that share a URL, a
// LAION hash or (up to a tiny perturbation) an image vector; hidden members, other datasets and the cap.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { writeLaionParquet } from '../ingest/__fixtures__/write-laion-parquet';
import { writeNpy } from '../ingest/__fixtures__/write-npy';
import { ingestDataset } from '../ingest/ingest-dataset';
import { DEMO_DIR } from '../ingest/load-demo';
import { readNpy } from '../ingest/read-npy';
import { gaussian } from '../search/__fixtures__/write-clustered-folder';
import { DUPLICATE_COSINE } from '../search/schemas';
import { findDuplicateIds } from './find-duplicate-ids';
import { findDuplicates } from './find-duplicates';
import { DUPLICATE_GROUP_CAP } from './neighbour-schemas';
import { writeFlags } from '../flags/write-flags';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
/** clip-photos' pair ids in file order (rows 0 and 5 are the two kittens, cosine 0.869: not duplicates). */
let photos: number[];
/** The copies, d0..d3, in the 'photos' dataset. */
let d: number[];

const URL_ = 'https://dup.example.org/kitten.jpg';
const HASH = '-4612468459264155008';

/** A copy of `v` moved by noise of norm about 0.11 (cosine ≈ 0.99): a re-encoded or resized copy of the image. */
function perturb(v: Float32Array, seed: number): Float32Array {
  const rand = gaussian(seed);
  return v.map((x) => x + 0.005 * rand());
}

/** d0 ≈ kitten (URL, hash); d1 = palm trees (same URL); d2 = motel sign (same hash); d3 ≈ kitten (URL, hash). */
async function writeCopies(root: string, v: Float32Array[]): Promise<void> {
  await mkdir(join(root, 'metadata'), { recursive: true });
  await mkdir(join(root, 'img_emb'), { recursive: true });
  parquetWriteFile({
    filename: join(root, 'metadata', 'metadata_0.parquet'),
    columnData: [
      { name: 'url', data: [URL_, URL_, 'https://other.example.org/motel.jpg', URL_], type: 'STRING' },
      { name: 'caption', data: ['copy d0', 'copy d1', 'copy d2', 'copy d3'], type: 'STRING' },
      { name: 'hash', data: [HASH, null, HASH, HASH], type: 'STRING' },
    ],
  });
  const rows = [perturb(v[0], 1), v[2], v[3], perturb(v[0], 2)];
  const data = new Float32Array(rows.length * 512);
  rows.forEach((r, i) => data.set(r, i * 512));
  await writeNpy(join(root, 'img_emb', 'img_emb_0.npy'), { descr: '<f4', shape: [rows.length, 512], data });
}

const numeric = (ids: number[]) => [...ids].sort((a, b) => a - b);

const idsOf = async (dataset: string, sourceLike = '%') =>
  (
    await t.db.query<{ id: number }>(
      'SELECT p.id FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = $1 AND p.source_file LIKE $2 ORDER BY p.source_file, p.source_row',
      [dataset, sourceLike],
    )
  ).map((r) => r.id);

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('duplicates');
  process.env.SIEVE_HOME = tmp.dir;
  await ingestDataset(t.db, { path: join(DEMO_DIR, 'clip-photos'), dataset: 'photos' });
  photos = await idsOf('photos');
  const npy = await readNpy(join(DEMO_DIR, 'clip-photos', 'img_emb', 'img_emb_0.npy'), 'img_emb_0.npy');
  await writeCopies(join(tmp.dir, 'copies'), await npy.readRows(0, npy.rows));
  await ingestDataset(t.db, { path: join(tmp.dir, 'copies'), dataset: 'photos' });
  d = (await t.db.query<{ id: number }>("SELECT id FROM pairs WHERE caption LIKE 'copy d%' ORDER BY caption")).map((r) => r.id);
  // The same copies in another dataset: a group never reaches across datasets.
  await ingestDataset(t.db, { path: join(tmp.dir, 'copies'), dataset: 'elsewhere' });
  writeLaionParquet(join(tmp.dir, 'laion.parquet'), 3);
  await ingestDataset(t.db, { path: join(tmp.dir, 'laion.parquet'), dataset: 'laion' });
});
afterAll(async () => {
  await t?.close();
  await tmp?.cleanup();
});

describe('findDuplicates', () => {
  it('groups pairs of the same URL, the same hash and a near-same image, saying what matched each', async () => {
    const g = await findDuplicates(d[0], t.db);
    expect(g.pairId).toBe(d[0]);
    expect(g.imageReason).toBeNull();
    expect(g.truncated).toBe(false);
    const matched = Object.fromEntries(g.members.map((m) => [m.id, m.matchedBy]));
    expect(matched).toEqual({ [photos[0]]: ['image'], [d[1]]: ['url'], [d[2]]: ['hash'], [d[3]]: ['url', 'hash', 'image'] });
    expect(g.counts).toEqual({ url: 2, hash: 2, image: 2 });
    // The other kitten (0.869 to the first) and the copies in another dataset stay out; so does the pair itself.
    expect(g.members.map((m) => m.id)).not.toContain(photos[5]);
    expect(g.members.every((m) => m.datasetId === g.datasetId)).toBe(true);
    for (const m of g.members) {
      if (m.matchedBy.includes('image')) expect(m.cosine!).toBeGreaterThanOrEqual(DUPLICATE_COSINE);
      else expect(m.cosine).toBeNull();
    }
    // A shared URL or hash first (the one that also looks the same leading), then look-alikes.
    expect(g.members.map((m) => m.id)).toEqual([d[3], d[1], d[2], photos[0]]);
  });

  it('matches by image alone where URL and hash are missing: no NULL matches another', async () => {
    const g = await findDuplicates(photos[0], t.db);
    expect(g.members.map((m) => [m.id, m.matchedBy])).toEqual(
      expect.arrayContaining([
        [d[0], ['image']],
        [d[3], ['image']],
      ]),
    );
    expect(g.members).toHaveLength(2);
    expect(g.counts).toEqual({ url: 0, hash: 0, image: 2 });
    // An exact copy of the palm trees' vector: cosine 1.
    const palms = await findDuplicates(photos[2], t.db);
    expect(palms.members.map((m) => m.id)).toEqual([d[1]]);
    expect(palms.members[0].cosine).toBeCloseTo(1, 3);
  });

  it('looks for URL and hash duplicates of a pair without an image embedding, and says why not for images', async () => {
    const [first] = await idsOf('laion', '%.parquet');
    await t.db.query(
      `INSERT INTO pairs (dataset_id, source_file, source_id, source_row, url, caption)
       SELECT dataset_id, 'copied', 'copied', 0, url, 'a copy by URL' FROM pairs WHERE id = $1`,
      [first],
    );
    const g = await findDuplicates(first, t.db);
    expect(g.imageReason).toBe(`Pair ${first} has no image embedding to compare.`);
    expect(g.members.map((m) => [m.caption, m.matchedBy])).toEqual([['a copy by URL', ['url']]]);
  });

  it(`stops at ${DUPLICATE_GROUP_CAP} members and says the group was cut`, async () => {
    const [, second] = await idsOf('laion', '%.parquet');
    await t.db.query('UPDATE pairs SET hash = $2 WHERE id = $1', [second, 'mass']);
    await t.db.query(
      `INSERT INTO pairs (dataset_id, source_file, source_id, source_row, caption, hash)
       SELECT dataset_id, 'mass', 'mass', n, 'mass copy', 'mass' FROM pairs, generate_series(1, $2::int) n WHERE id = $1`,
      [second, DUPLICATE_GROUP_CAP + 5],
    );
    const g = await findDuplicates(second, t.db);
    expect(g.members).toHaveLength(DUPLICATE_GROUP_CAP);
    expect(g.truncated).toBe(true);
    expect(g.counts.hash).toBe(DUPLICATE_GROUP_CAP);
    expect(await findDuplicateIds(t.db, second)).toHaveLength(DUPLICATE_GROUP_CAP + 1);
  });

  it('is not_found for a pair that does not exist', async () => {
    await expect(findDuplicates(999_999, t.db)).rejects.toMatchObject({ code: 'not_found' });
    await expect(findDuplicateIds(t.db, 999_999)).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('findDuplicateIds', () => {
  it('gives the whole group, the pair itself first, in the caller’s transaction or its own', async () => {
    const group = [d[0], photos[0], d[1], d[2], d[3]];
    const inTx = await t.db.tx((q) => findDuplicateIds(q, d[0]));
    expect(inTx[0]).toBe(d[0]);
    expect(numeric(inTx)).toEqual(numeric(group));
    expect(numeric(await findDuplicateIds(t.db, d[0]))).toEqual(numeric(group));
  });
});

describe('the hiding rule', () => {
  it('hides the flagged pair, its URL twins in every dataset and the look-alikes of their images, and leaves them out of every group', async () => {
    await writeFlags(t.db, { id: null, ip: null }, { pairIds: [d[3]], reason: 'csam_suspected', note: null });
    const elsewhere = await idsOf('elsewhere');
    // d0 and d1 share d3's URL, and so do elsewhere's copies of d0, d1 and d3 (another dataset of the same model); the
    // first kitten looks like d3 and the palm trees like d1 (cosine ≥ 0.94). d2 shares only a LAION hash: it stays.
    const expected = numeric([photos[0], photos[2], d[0], d[1], d[3], elsewhere[0], elsewhere[1], elsewhere[3]]);
    const hidden = numeric((await t.db.query<{ pair_id: number }>('SELECT DISTINCT pair_id FROM hidden_pairs')).map((r) => r.pair_id));
    expect(hidden).toEqual(expected);
    // d2's group keeps only the motel sign it copies.
    expect((await findDuplicates(d[2], t.db)).members.map((m) => m.id)).toEqual([photos[3]]);
    for (const id of hidden) await expect(findDuplicates(id, t.db)).rejects.toMatchObject({ code: 'not_found' });
  });
});
