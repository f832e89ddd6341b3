// A pair's nearest neighbours on a real database: the real CLIP image vectors of clip-photos (checked against a
// brute-force cosine order), captions embedded by a generated 512-d tiny CLIP, flagged and hidden neighbours kept.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { parseVectorText } from '../db/pgvector';
import { vectorIndexName } from '../datasets/vector-index';
import { embedDataset } from '../embeddings/embed-dataset';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { writeLaionParquet } from '../ingest/__fixtures__/write-laion-parquet';
import { ingestDataset } from '../ingest/ingest-dataset';
import { DEMO_DIR } from '../ingest/load-demo';
import { readNpy } from '../ingest/read-npy';
import { useTinyClip } from '../search/__fixtures__/use-tiny-clip';
import { findNeighbours } from './find-neighbours';
import { NEIGHBOUR_LIMIT } from './neighbour-schemas';
import { writeFlags } from '../flags/write-flags';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
/** clip-photos' pair ids in file order, and its image vectors from the .npy. */
let photos: number[];
let vectors: Float32Array[];

const idsOf = async (dataset: string) =>
  (await t.db.query<{ id: number }>('SELECT p.id FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = $1 ORDER BY p.source_row', [dataset])).map((r) => r.id);

function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

/** Every other pair of `ids` by exact cosine, most similar first. */
function bruteForce(ids: number[], vecs: ArrayLike<number>[], of: number) {
  return ids
    .map((id, i) => ({ id, cosine: cosine(vecs[of], vecs[i]) }))
    .filter((_, i) => i !== of)
    .sort((a, b) => b.cosine - a.cosine);
}

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('neighbours');
  process.env.SIEVE_HOME = tmp.dir;
  await useTinyClip(join(tmp.dir, 'tiny-clip'), 512);
  await ingestDataset(t.db, { path: join(DEMO_DIR, 'clip-photos'), dataset: 'clip-photos' });
  await embedDataset(t.db, { dataset: 'clip-photos', modality: 'text' });
  photos = await idsOf('clip-photos');
  const npy = await readNpy(join(DEMO_DIR, 'clip-photos', 'img_emb', 'img_emb_0.npy'), 'img_emb_0.npy');
  vectors = await npy.readRows(0, npy.rows);
  // Captions only: 20 pairs whose captions get embedded, and 2 whose dataset has no embeddings at all.
  writeLaionParquet(join(tmp.dir, 'captions.parquet'), 20);
  await ingestDataset(t.db, { path: join(tmp.dir, 'captions.parquet'), dataset: 'captions' });
  await embedDataset(t.db, { dataset: 'captions', modality: 'text' });
  writeLaionParquet(join(tmp.dir, 'bare.parquet'), 2);
  await ingestDataset(t.db, { path: join(tmp.dir, 'bare.parquet'), dataset: 'bare' });
});
afterAll(async () => {
  delete process.env.SIEVE_MODEL_DIR;
  await t?.close();
  await tmp?.cleanup();
});

describe('findNeighbours', () => {
  it('gives every pair its image neighbours in exact brute-force cosine order, itself left out', async () => {
    expect(photos).toHaveLength(7);
    for (const [i, id] of photos.entries()) {
      const n = await findNeighbours(id, t.db);
      const expected = bruteForce(photos, vectors, i);
      expect(n.image.reason).toBeNull();
      expect(n.image.items.map((h) => h.id)).toEqual(expected.map((e) => e.id));
      for (const [k, h] of n.image.items.entries()) expect(h.cosine).toBeCloseTo(expected[k].cosine, 2);
    }
  });

  it('finds the other kitten photo nearest to the first (cosine 0.869)', async () => {
    const n = await findNeighbours(photos[0], t.db);
    expect(n.pairId).toBe(photos[0]);
    expect(n.image.items[0].id).toBe(photos[5]);
    expect(n.image.items[0].cosine).toBeCloseTo(0.869, 2);
  });

  it('gives caption neighbours in cosine order of the stored caption vectors', async () => {
    const rows = await t.db.query<{ id: number; v: string }>('SELECT id, txt_emb::text AS v FROM pairs WHERE id = ANY($1) ORDER BY source_row', [photos]);
    const txt = rows.map((r) => parseVectorText(r.v)!);
    for (const [i, id] of photos.entries()) {
      const n = await findNeighbours(id, t.db);
      expect(n.text.reason).toBeNull();
      expect(n.text.modality).toBe('text');
      expect(n.text.items.map((h) => h.id)).toEqual(bruteForce(photos, txt, i).map((e) => e.id));
    }
  });

  it(`stops at ${NEIGHBOUR_LIMIT} neighbours`, async () => {
    const [first] = await idsOf('captions');
    const n = await findNeighbours(first, t.db);
    expect(n.text.items).toHaveLength(NEIGHBOUR_LIMIT);
    expect(n.text.items.map((h) => h.id)).not.toContain(first);
    const scores = n.text.items.map((h) => h.cosine);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('leaves a hidden neighbour out, and a hidden pair has no neighbours to ask for', async () => {
    await writeFlags(t.db, { id: null, ip: null }, { pairIds: [photos[5]], reason: 'csam_suspected', note: null });
    const n = await findNeighbours(photos[0], t.db);
    expect(n.image.items.map((h) => h.id)).toEqual(bruteForce(photos, vectors, 0).map((e) => e.id).filter((id) => id !== photos[5]));
    for (const list of [n.image.items, n.text.items]) expect(list.map((h) => h.id)).not.toContain(photos[5]);
    expect(n.image.items.every((h) => !h.hidden && h.thumbSrc !== null)).toBe(true);
    await expect(findNeighbours(photos[5], t.db)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('gives an empty list and a plain reason for a modality the pair or its dataset lacks', async () => {
    const [captioned] = await idsOf('captions');
    const c = await findNeighbours(captioned, t.db);
    expect(c.image).toEqual({ modality: 'image', items: [], reason: `Pair ${captioned} has no image embedding to compare.` });

    const [bare] = await idsOf('bare');
    const b = await findNeighbours(bare, t.db);
    expect(b.image.items).toEqual([]);
    expect(b.text).toEqual({ modality: 'text', items: [], reason: `Pair ${bare} has no caption embedding to compare.` });
  });

  it('says so when the embeddings are not indexed yet, rather than scanning the dataset', async () => {
    const [captioned] = await idsOf('captions');
    const [{ id }] = await t.db.query<{ id: number }>("SELECT id FROM datasets WHERE name = 'captions'");
    await t.db.query(`DROP INDEX ${vectorIndexName('txt_emb', id)}`);
    const n = await findNeighbours(captioned, t.db);
    expect(n.text.items).toEqual([]);
    expect(n.text.reason).toMatch(/caption embeddings of dataset "captions" are not indexed yet/);
  });

  it('is not_found for a pair that does not exist', async () => {
    await expect(findNeighbours(999_999, t.db)).rejects.toMatchObject({ code: 'not_found' });
  });
});
