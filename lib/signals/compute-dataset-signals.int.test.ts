// Ingest scores new rows with LAION's signals (kept where the parquet had them); `sieve signals` fills the rest,
// resumes after a stop, and a re-run changes nothing. Real CLIP ViT-B/32 embeddings, real LAION weights.
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { REPO_ROOT } from '../../test/shared-data';
import { parseVectorText } from '../db/pgvector';
import { ingestDataset } from '../ingest/ingest-dataset';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { writeNpy } from '../ingest/__fixtures__/write-npy';
import { aestheticScore } from './aesthetic-score';
import { computeDatasetSignals } from './compute-dataset-signals';
import { nsfwScore } from './nsfw-score';
import { violenceScore } from './violence';

const FIXTURES = join(REPO_ROOT, 'lib', 'signals', '__fixtures__');
// Rows 0–2 come with LAION's own scores in the parquet, rows 3–6 without.
const GIVEN = [
  { aesthetic: 7.25, punsafe: 0.125 },
  { aesthetic: 3.5, punsafe: 0.875 },
  { aesthetic: 5, punsafe: 0.5 },
];

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('signals');
  await writeB32Folder(join(tmp.dir, 'b32'));
  await writeL14Folder(join(tmp.dir, 'l14'));
});
afterAll(async () => {
  await t?.close();
  await tmp?.cleanup();
});

async function writeB32Folder(root: string) {
  const images = JSON.parse(await readFile(join(FIXTURES, 'clip-vit-b32-images.json'), 'utf8')) as { file: string }[];
  await mkdir(join(root, 'metadata'), { recursive: true });
  await mkdir(join(root, 'img_emb'), { recursive: true });
  parquetWriteFile({
    filename: join(root, 'metadata', 'metadata_0.parquet'),
    columnData: [
      { name: 'url', data: images.map((i) => `https://clip-retrieval.example.org/${i.file}`), type: 'STRING' },
      { name: 'caption', data: images.map((i) => `test image ${i.file}`), type: 'STRING' },
      { name: 'punsafe', data: images.map((_, i) => GIVEN[i]?.punsafe ?? null), type: 'FLOAT' },
      { name: 'AESTHETIC_SCORE', data: images.map((_, i) => GIVEN[i]?.aesthetic ?? null), type: 'FLOAT' },
    ],
  });
  await copyFile(join(FIXTURES, 'clip-vit-b32-img_emb.npy'), join(root, 'img_emb', 'img_emb_0.npy'));
}

/** Three 768-d rows: LAION's ViT-L/14 rating embeddings 0, 4 and 9 stand in for image embeddings. */
async function writeL14Folder(root: string) {
  await mkdir(join(root, 'metadata'), { recursive: true });
  await mkdir(join(root, 'img_emb'), { recursive: true });
  const ks = [0, 4, 9];
  parquetWriteFile({
    filename: join(root, 'metadata', 'metadata_0.parquet'),
    columnData: [
      { name: 'url', data: ks.map((k) => `https://l14.example.org/${k}.jpg`), type: 'STRING' },
      { name: 'caption', data: ks.map((k) => `rating ${k}`), type: 'STRING' },
    ],
  });
  const data = new Float32Array(ks.length * 768);
  for (const [i, k] of ks.entries()) {
    const buf = await readFile(join(REPO_ROOT, 'data', 'laion-models', 'aesthetic', 'vit_l_14_embeddings', `rating${k}.npy`));
    data.set(new Float32Array(buf.buffer.slice(buf.byteOffset + buf.length - 768 * 4, buf.byteOffset + buf.length)), i * 768);
  }
  await writeNpy(join(root, 'img_emb', 'img_emb_0.npy'), { descr: '<f4', shape: [ks.length, 768], data });
}

interface Row { id: number; source_row: number; aesthetic: number | null; punsafe: number | null; violence: number | null; emb: string }
const rows = (dataset: string) =>
  t.db.query<Row>(
    `SELECT p.id, p.source_row, p.aesthetic, p.punsafe, p.violence, p.img_emb::text AS emb
       FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = $1 ORDER BY p.source_row`,
    [dataset],
  );
/** A real column comes back as its shortest decimal text: compare it as the float4 it is. */
const f4 = (v: number | null) => (v === null ? null : Math.fround(v));

describe('LAION signals at ingest and with `sieve signals`', () => {
  let ingested: Row[];

  it('ingest scores every new row with an image embedding, keeping the parquet’s own aesthetic and punsafe', async () => {
    const summary = await ingestDataset(t.db, { path: join(tmp.dir, 'b32'), dataset: 'b32' });
    expect(summary).toMatchObject({ inserted: 7, signals: 7 });
    ingested = await rows('b32');
    expect(ingested).toHaveLength(7);
    for (const r of ingested) {
      const x = parseVectorText(r.emb) as Float32Array; // as stored: halfvec
      expect(f4(r.violence)).toBe(f4(violenceScore(x)));
      const given = GIVEN[r.source_row];
      if (given) {
        expect(r.aesthetic).toBe(given.aesthetic);
        expect(r.punsafe).toBe(given.punsafe);
      } else {
        expect(f4(r.aesthetic)).toBe(f4(aestheticScore(x)));
        expect(f4(r.punsafe)).toBe(f4(nsfwScore(x)));
      }
    }
    // The clip-retrieval test photos are harmless: no violence, low punsafe.
    expect(ingested.every((r) => r.violence! < 0.5)).toBe(true);
  });

  it('a re-run of ingest or of `sieve signals` changes nothing', async () => {
    expect(await ingestDataset(t.db, { path: join(tmp.dir, 'b32'), dataset: 'b32' })).toMatchObject({ inserted: 0, signals: 0, skippedShards: 1 });
    const progress: { done: number; total: number }[] = [];
    expect(await computeDatasetSignals(t.db, { dataset: 'b32' }, { onProgress: (p) => progress.push(p) })).toMatchObject({ scored: 0, aestheticFilled: 0, punsafeFilled: 0 });
    expect(progress).toEqual([{ done: 0, total: 0 }]);
    expect(await rows('b32')).toEqual(ingested);
  });

  it('`sieve signals` fills pairs that lack them in batches, stops between batches and resumes where it stopped', async () => {
    // As if ingested before signals existed: no violence, no LAION scores for the rows the parquet left empty.
    await t.db.query(
      `UPDATE pairs SET violence = NULL, aesthetic = CASE WHEN source_row < 3 THEN aesthetic END, punsafe = CASE WHEN source_row < 3 THEN punsafe END
        WHERE dataset_id = (SELECT id FROM datasets WHERE name = 'b32')`,
    );
    const stop = new AbortController();
    const seen: number[] = [];
    const stopped = await computeDatasetSignals(t.db, { dataset: 'b32', batchSize: 2 }, {
      signal: stop.signal,
      onProgress: (p) => {
        seen.push(p.done);
        if (p.done === 4) stop.abort();
      },
    }).then(() => null, (e: unknown) => e);
    expect(stopped).toBeInstanceOf(Error);
    expect(seen).toEqual([0, 2, 4]);
    const half = await rows('b32');
    expect(half.filter((r) => r.violence !== null)).toHaveLength(4);

    const progress: { done: number; total: number }[] = [];
    const rest = await computeDatasetSignals(t.db, { dataset: 'b32', batchSize: 2 }, { onProgress: (p) => progress.push(p) });
    // Rows 4–6 were left: all three lacked aesthetic and punsafe.
    expect(rest).toMatchObject({ dim: 512, scored: 3, aestheticFilled: 3, punsafeFilled: 3 });
    expect(progress).toEqual([{ done: 0, total: 3 }, { done: 2, total: 3 }, { done: 3, total: 3 }]);
    // Same scores as ingest gave: both paths score the stored (float16) vector.
    expect(await rows('b32')).toEqual(ingested);
    expect(await computeDatasetSignals(t.db, { dataset: 'b32' })).toMatchObject({ scored: 0 });
  });

  it('scores ViT-L/14 embeddings with the L/14 weights and leaves punsafe empty (no NSFW model for it)', async () => {
    expect(await ingestDataset(t.db, { path: join(tmp.dir, 'l14'), dataset: 'l14' })).toMatchObject({ inserted: 3, signals: 3 });
    const l14 = await rows('l14');
    for (const r of l14) {
      const x = parseVectorText(r.emb) as Float32Array;
      expect([f4(r.aesthetic), f4(r.violence), r.punsafe]).toEqual([f4(aestheticScore(x)), f4(violenceScore(x)), null]);
    }
    // LAION's own rating-9 embedding scores far above its rating-0 one.
    expect(l14[2].aesthetic! - l14[0].aesthetic!).toBeGreaterThan(2);
  });

  it('has nothing to do for a dataset without image embeddings, and refuses a CLIP model LAION has no weights for', async () => {
    const bare = join(tmp.dir, 'bare.parquet');
    parquetWriteFile({ filename: bare, columnData: [{ name: 'url', data: ['https://x.example.org/1.jpg'], type: 'STRING' }, { name: 'caption', data: ['one'], type: 'STRING' }] });
    expect(await ingestDataset(t.db, { path: bare, dataset: 'bare' })).toMatchObject({ inserted: 1, signals: 0 });
    expect(await computeDatasetSignals(t.db, { dataset: 'bare' })).toMatchObject({ scored: 0, dim: null, note: expect.stringMatching(/no image embeddings/) });

    const wide = join(tmp.dir, 'wide');
    await mkdir(join(wide, 'metadata'), { recursive: true });
    await mkdir(join(wide, 'img_emb'), { recursive: true });
    parquetWriteFile({ filename: join(wide, 'metadata', 'metadata_0.parquet'), columnData: [{ name: 'url', data: ['https://w.example.org/1.jpg'], type: 'STRING' }, { name: 'caption', data: ['w'], type: 'STRING' }] });
    await writeNpy(join(wide, 'img_emb', 'img_emb_0.npy'), { descr: '<f4', shape: [1, 1024], data: new Float32Array(1024).fill(1) });
    expect(await ingestDataset(t.db, { path: wide, dataset: 'wide' })).toMatchObject({ inserted: 1, signals: 0 });
    const [w] = await rows('wide');
    expect(w).toMatchObject({ aesthetic: null, punsafe: null, violence: null });
    await expect(computeDatasetSignals(t.db, { dataset: 'wide' })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/1024-d.*ViT-B\/32 \(512-d\) and ViT-L\/14 \(768-d\)/) });
  });
});
