import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { SHARED_DATA } from '../../test/shared-data';
import { ingestDataset } from './ingest-dataset';
import { writeEmbeddingFolder, writeLaionParquet } from './__fixtures__/write-laion-parquet';

let t: TestDatabase;
let tmp: string;
beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await mkdtemp(join(os.tmpdir(), 'sieve-ingest-'));
});
afterAll(async () => {
  await t?.close();
  await rm(tmp, { recursive: true, force: true });
});

const count = async (dataset: string) =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = $1', [dataset]))[0].n;

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('ingest a LAION metadata parquet', () => {
  it('loads every row with its fields, and a second run adds nothing', async () => {
    const path = join(SHARED_DATA, 'laion-sample', 'test_1000.parquet');
    const first = await ingestDataset(t.db, { path, dataset: 'laion' });
    expect(first).toMatchObject({ kind: 'parquet', shards: 1, rows: 1000, inserted: 1000, skippedShards: 0 });
    const again = await ingestDataset(t.db, { path, dataset: 'laion' });
    expect(again).toMatchObject({ inserted: 0, skippedShards: 1 });
    expect(await count('laion')).toBe(1000);
    const [row] = await t.db.query<{ url: string; caption: string; domain: string; source_row: number; extra: unknown }>(
      "SELECT url, caption, domain, source_row, extra FROM pairs WHERE source_row = 0 AND source_file = 'test_1000.parquet'",
    );
    expect(row.url).toMatch(/^https?:\/\//);
    expect(row.caption.length).toBeGreaterThan(0);
    expect(row.domain).toBe(new URL(row.url).hostname.replace(/^www\./, '').toLowerCase());
    const fts = await t.db.query("SELECT 1 FROM pairs WHERE caption_tsv @@ plainto_tsquery('simple', split_part($1, ' ', 1))", [row.caption]);
    expect(fts.length).toBeGreaterThan(0);
  });

  it('keeps unknown columns in extra', async () => {
    const path = join(tmp, 'extra.parquet');
    writeLaionParquet(path, 10);
    await ingestDataset(t.db, { path, dataset: 'extra' });
    const [row] = await t.db.query<{ extra: Record<string, unknown>; width: number; punsafe: number }>(
      "SELECT extra, width, punsafe FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'extra' AND source_row = 3",
    );
    expect(row).toMatchObject({ extra: { source_note: 'note 3' }, width: 103 });
    expect(row.punsafe).toBeCloseTo(0.3, 5);
  });
});

describe('ingest a clip-retrieval embedding folder', () => {
  it('stores the real ViT-B/32 vectors as unit-length halfvecs and builds the HNSW indexes', async () => {
    const root = join(tmp, 'clip');
    await mkdir(join(root, 'metadata'), { recursive: true });
    await mkdir(join(root, 'img_emb'), { recursive: true });
    const images = JSON.parse(await readFile(join(SHARED_DATA, 'clip-vit-b32', 'images.json'), 'utf8')) as { file: string }[];
    const { parquetWriteFile } = await import('hyparquet-writer');
    parquetWriteFile({
      filename: join(root, 'metadata', 'metadata_0.parquet'),
      columnData: [
        { name: 'image_path', data: images.map((i) => join(SHARED_DATA, 'clip-vit-b32', 'images', i.file)), type: 'STRING' },
        { name: 'caption', data: images.map((i) => `test photo ${i.file}`), type: 'STRING' },
      ],
    });
    await copyFile(join(SHARED_DATA, 'clip-vit-b32', 'img_emb.npy'), join(root, 'img_emb', 'img_emb_0.npy'));
    const s = await ingestDataset(t.db, { path: root, dataset: 'clip' });
    expect(s).toMatchObject({ kind: 'embedding-folder', inserted: 7 });
    const [ds] = await t.db.query<{ id: number; dim: number; model: string }>("SELECT id, dim, model FROM datasets WHERE name = 'clip'");
    expect(ds).toMatchObject({ dim: 512, model: 'Xenova/clip-vit-base-patch32' });
    const norms = await t.db.query<{ n: number }>('SELECT l2_norm(img_emb)::float8 AS n FROM pairs WHERE dataset_id = $1', [ds.id]);
    for (const { n } of norms) expect(n).toBeCloseTo(1, 2);
    const idx = await t.db.query<{ indexdef: string }>('SELECT indexdef FROM pg_indexes WHERE indexname = $1', [`pairs_img_emb_hnsw_d${ds.id}`]);
    expect(idx[0].indexdef).toMatch(/hnsw.*halfvec\(512\).*halfvec_cosine_ops.*dataset_id = \d+/);
  });

  it('normalises vectors that are not unit length', async () => {
    const root = join(tmp, 'nonunit');
    await writeEmbeddingFolder(root, [{ rows: 5, dim: 8 }]);
    await ingestDataset(t.db, { path: root, dataset: 'nonunit' });
    const rows = await t.db.query<{ n: number }>(
      "SELECT l2_norm(img_emb)::float8 AS n FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'nonunit'",
    );
    expect(rows).toHaveLength(5);
    for (const { n } of rows) expect(n).toBeCloseTo(1, 2);
  });
});

describe('bad input leaves the database as it was for that shard', () => {
  it('NaN in a vector: names file and row, keeps the good shard before it, writes nothing of the bad one', async () => {
    const root = join(tmp, 'nan');
    await writeEmbeddingFolder(root, [{ rows: 4, dim: 8 }, { rows: 6, dim: 8, poison: { row: 3, value: Number.NaN } }]);
    const err = await failure(ingestDataset(t.db, { path: root, dataset: 'nan' }));
    expect(err.message).toMatch(/img_emb_1\.npy/);
    expect(err.message).toMatch(/row 3/);
    expect(await count('nan')).toBe(4);
    const kept = await ingestDataset(t.db, { path: root, dataset: 'nan', keepGoing: true });
    expect(kept.failed).toEqual([expect.objectContaining({ file: 'metadata/metadata_1.parquet', row: 3 })]);
    expect(await count('nan')).toBe(4);
  });

  it('Inf in a vector', async () => {
    const root = join(tmp, 'inf');
    await writeEmbeddingFolder(root, [{ rows: 3, dim: 8, poison: { row: 2, value: Number.POSITIVE_INFINITY } }]);
    expect((await failure(ingestDataset(t.db, { path: root, dataset: 'inf' }))).message).toMatch(/img_emb_0\.npy.*row 2/);
    expect(await count('inf')).toBe(0);
  });

  it('parquet and npy row counts that differ', async () => {
    const root = join(tmp, 'mismatch');
    await writeEmbeddingFolder(root, [{ rows: 5, dim: 8, npyRows: 4 }]);
    const err = await failure(ingestDataset(t.db, { path: root, dataset: 'mismatch' }));
    expect(err.message).toMatch(/metadata_0\.parquet/);
    expect(err.message).toMatch(/img_emb_0\.npy/);
    expect(await count('mismatch')).toBe(0);
  });

  it("an embedding dimension that differs from the dataset's", async () => {
    const a = join(tmp, 'dim-a');
    const b = join(tmp, 'dim-b');
    await writeEmbeddingFolder(a, [{ rows: 3, dim: 8 }]);
    await writeEmbeddingFolder(b, [{ rows: 3, dim: 16 }]);
    await ingestDataset(t.db, { path: a, dataset: 'dims' });
    const err = await failure(ingestDataset(t.db, { path: b, dataset: 'dims' }));
    expect(err.message).toMatch(/dimension 16 differs from dataset "dims" \(8\)/);
    expect(await count('dims')).toBe(3);
  });

  it('a truncated npy and a corrupt parquet', async () => {
    const root = join(tmp, 'trunc');
    await writeEmbeddingFolder(root, [{ rows: 4, dim: 8 }]);
    const npy = join(root, 'img_emb', 'img_emb_0.npy');
    const bytes = await readFile(npy);
    await writeFile(npy, bytes.subarray(0, bytes.length - 10));
    expect((await failure(ingestDataset(t.db, { path: root, dataset: 'trunc' }))).message).toMatch(/img_emb_0\.npy/);
    const pq = join(tmp, 'corrupt.parquet');
    writeLaionParquet(pq, 50);
    const pqBytes = await readFile(pq);
    await writeFile(pq, Buffer.concat([pqBytes.subarray(0, 40), Buffer.alloc(200, 7), pqBytes.subarray(240)]));
    expect((await failure(ingestDataset(t.db, { path: pq, dataset: 'corrupt' }))).message).toMatch(/corrupt\.parquet/);
    expect(await count('trunc')).toBe(0);
    expect(await count('corrupt')).toBe(0);
  });

  it('a parquet without a URL or without a caption column', async () => {
    const noUrl = join(tmp, 'no-url.parquet');
    const noCaption = join(tmp, 'no-caption.parquet');
    writeLaionParquet(noUrl, 5, { columns: ['caption'] });
    writeLaionParquet(noCaption, 5, { columns: ['url'] });
    expect((await failure(ingestDataset(t.db, { path: noUrl, dataset: 'nourl' }))).message).toMatch(/no-url\.parquet.*URL/i);
    expect((await failure(ingestDataset(t.db, { path: noCaption, dataset: 'nocap' }))).message).toMatch(/no-caption\.parquet.*caption/i);
    expect(await count('nourl')).toBe(0);
    expect(await count('nocap')).toBe(0);
  });
});

describe('img2dataset output', () => {
  it('loads the demo photos with local images', async () => {
    const { DEMO_DIR } = await import('./load-demo');
    const s = await ingestDataset(t.db, { path: join(DEMO_DIR, 'photos'), dataset: 'photos' });
    expect(s).toMatchObject({ kind: 'img2dataset', inserted: 8 });
    const rows = await t.db.query<{ caption: string; image_path: string; license: string }>(
      "SELECT caption, image_path, license FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'photos' ORDER BY source_row",
    );
    expect(rows[0].caption).toBe('a portrait of an astronaut with the American flag');
    expect(rows[0].image_path).toMatch(/000000000\.png$/);
    expect(rows[0].license).toMatch(/public domain/i);
  });
});
