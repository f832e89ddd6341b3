import { cp, mkdir, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { makeTempDir } from './__fixtures__/make-temp-dir';
import { writeNpy } from './__fixtures__/write-npy';
import { readEmbeddingFolder } from './read-embedding-folder';
import type { PairRecord, Source } from './types';
import { SHARED_DATA } from '../../test/shared-data';

const CLIP = `${SHARED_DATA}/clip-vit-b32`;
const ROW_BYTES = 512 * 2; // float16 row of img_emb.npy
const HEADER = 128; // its numpy v1 header length

interface Image { file: string; width: number; height: number }
let images: Image[];
let embBytes: Buffer;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let n = 0;

beforeAll(async () => {
  tmp = await makeTempDir('embfolder');
  images = JSON.parse(await readFile(join(CLIP, 'images.json'), 'utf8'));
  embBytes = (await readFile(join(CLIP, 'img_emb.npy'))).subarray(HEADER);
});
afterAll(() => tmp.cleanup());

/** A clip-retrieval folder for the 7 real images: partition 0 = rows 0-3, partition 1 = rows 4-6. */
async function buildFolder(opts: { text?: boolean; parts?: [number, number][] } = {}): Promise<string> {
  const root = join(tmp.dir, `f${n++}`);
  await Promise.all(['metadata', 'img_emb', 'text_emb', 'images'].map((d) => mkdir(join(root, d), { recursive: true })));
  await cp(join(CLIP, 'images'), join(root, 'images'), { recursive: true });
  for (const [p, [start, end]] of (opts.parts ?? [[0, 4], [4, 7]]).entries()) {
    const rows = images.slice(start, end);
    parquetWriteFile({
      filename: join(root, `metadata/metadata_${p}.parquet`),
      columnData: [
        { name: 'image_path', data: rows.map((r) => `images/${r.file}`), type: 'STRING' },
        { name: 'caption', data: rows.map((r) => `photo ${r.file}`), type: 'STRING' },
        { name: 'width', data: rows.map((r) => r.width), type: 'INT32' },
        { name: 'height', data: rows.map((r) => r.height), type: 'INT32' },
      ],
    });
    const img = embBytes.subarray(start * ROW_BYTES, end * ROW_BYTES);
    await writeNpy(join(root, `img_emb/img_emb_${p}.npy`), { descr: '<f2', shape: [end - start, 512], data: img });
    if (opts.text) await writeNpy(join(root, `text_emb/text_emb_${p}.npy`), { descr: '<f4', shape: [end - start, 512], data: doubled(img) });
  }
  return root;
}

/** Float16 bytes → float32 values ×2, decoded here without decodeFloat16 (every half is exact in float32). */
function doubled(f16: Buffer): Float32Array {
  const out = new Float32Array(f16.length / 2);
  for (let i = 0; i < out.length; i++) {
    const h = f16.readUInt16LE(i * 2);
    const e = (h >> 10) & 0x1f;
    const f = h & 0x3ff;
    const v = e === 0 ? f * 2 ** -24 : (1 + f / 1024) * 2 ** (e - 15);
    out[i] = 2 * (h & 0x8000 ? -v : v);
  }
  return out;
}

async function readAll(source: Source): Promise<PairRecord[]> {
  const out: PairRecord[] = [];
  for (const shard of source.shards) for await (const b of shard.batches(3)) out.push(...b);
  return out;
}

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('bad_request');
  return err as AppError;
}

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

describe('readEmbeddingFolder', () => {
  it('matches metadata rows to real CLIP vectors by position, one shard per partition', async () => {
    const root = await buildFolder({ text: true });
    const source = await readEmbeddingFolder(root);
    expect(source.kind).toBe('embedding-folder');
    expect(source.shards.map((s) => [s.file, s.rows, s.dim])).toEqual([
      ['metadata/metadata_0.parquet', 4, 512],
      ['metadata/metadata_1.parquet', 3, 512],
    ]);
    const rows = await readAll(source);
    expect(rows).toHaveLength(7);
    expect(rows.map((r) => [r.sourceFile, r.sourceRow])).toEqual([
      ['metadata/metadata_0.parquet', 0], ['metadata/metadata_0.parquet', 1], ['metadata/metadata_0.parquet', 2], ['metadata/metadata_0.parquet', 3],
      ['metadata/metadata_1.parquet', 0], ['metadata/metadata_1.parquet', 1], ['metadata/metadata_1.parquet', 2],
    ]);
    expect(rows[0]).toMatchObject({ url: null, caption: 'photo 123_456.jpg', width: 123, height: 456, imagePath: join(root, 'images/123_456.jpg'), extra: null });
    expect(rows[6]).toMatchObject({ caption: 'photo 524_316.jpg', width: 524, height: 316 });

    // Values numpy prints for img_emb.npy rows 0, 3 and 6, divided by their norms (float16 rounding leaves them near 1).
    const r0 = rows[0].imgEmb!;
    const expected0 = [0.0107879638671875, -0.0218353271484375, 0.01145172119140625, -0.00627899169921875].map((x) => x / 1.0003083);
    expected0.forEach((x, i) => expect(r0[i]).toBeCloseTo(x, 6));
    expect(rows[3].imgEmb![1]).toBeCloseTo(0.0283203125 / 1.0001317, 6);
    expect(rows[6].imgEmb![511]).toBeCloseTo(-0.00638580322265625 / 0.9999115, 6);
    for (const r of rows) {
      expect(r.imgEmb).toHaveLength(512);
      expect(norm(r.imgEmb!)).toBeCloseTo(1, 5);
      // The text vectors are the image vectors ×2, so after normalisation they coincide.
      expect(norm(r.txtEmb!)).toBeCloseTo(1, 5);
      r.txtEmb!.forEach((x, i) => expect(x).toBeCloseTo(r.imgEmb![i], 6));
    }
  });

  it('leaves txtEmb null without text_emb files', async () => {
    const rows = await readAll(await readEmbeddingFolder(await buildFolder()));
    expect(rows.every((r) => r.txtEmb === null && r.imgEmb !== null)).toBe(true);
  });

  it('rejects a parquet / npy row-count mismatch, naming both files and counts', async () => {
    const root = await buildFolder();
    await writeNpy(join(root, 'img_emb/img_emb_1.npy'), { descr: '<f2', shape: [2, 512], data: embBytes.subarray(4 * ROW_BYTES, 6 * ROW_BYTES) });
    const err = await errorOf(readEmbeddingFolder(root));
    expect(err.message).toMatch(/^metadata\/metadata_1\.parquet: has 3 rows but img_emb\/img_emb_1\.npy has 2/);
    expect(err.details).toEqual({ file: 'metadata/metadata_1.parquet' });
  });

  it('rejects image and text vectors of different dimensions', async () => {
    const root = await buildFolder();
    await writeNpy(join(root, 'text_emb/text_emb_0.npy'), { descr: '<f4', shape: [4, 256], data: new Float32Array(4 * 256).fill(1) });
    await writeNpy(join(root, 'text_emb/text_emb_1.npy'), { descr: '<f4', shape: [3, 256], data: new Float32Array(3 * 256).fill(1) });
    const err = await errorOf(readEmbeddingFolder(root));
    expect(err.message).toMatch(/img_emb\/img_emb_0\.npy has 512-dim vectors but text_emb\/text_emb_0\.npy has 256-dim/);
  });

  it.each([
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
  ])('rejects %s in a vector with file and row', async (bad, word) => {
    const root = await buildFolder();
    const values = doubled(embBytes.subarray(0, 4 * ROW_BYTES));
    values[2 * 512 + 7] = bad;
    await writeNpy(join(root, 'img_emb/img_emb_0.npy'), { descr: '<f4', shape: [4, 512], data: values });
    const source = await readEmbeddingFolder(root);
    const err = await errorOf(readAll(source));
    expect(err.message).toBe(`img_emb/img_emb_0.npy: row 2: embedding contains ${word} (at index 7)`);
    expect(err.details).toEqual({ file: 'img_emb/img_emb_0.npy', row: 2 });
  });

  it('rejects a truncated npy before reading any row', async () => {
    const root = await buildFolder();
    await truncate(join(root, 'img_emb/img_emb_1.npy'), 128 + 3 * ROW_BYTES - 1);
    const err = await errorOf(readEmbeddingFolder(root));
    expect(err.message).toMatch(/^img_emb\/img_emb_1\.npy: truncated/);
  });

  it('rejects a partition without its img_emb file', async () => {
    const root = await buildFolder({ parts: [[0, 7]] });
    parquetWriteFile({ filename: join(root, 'metadata/metadata_1.parquet'), columnData: [{ name: 'image_path', data: ['x.jpg'], type: 'STRING' }] });
    const err = await errorOf(readEmbeddingFolder(root));
    expect(err.message).toBe('metadata/metadata_1.parquet: has no matching img_emb/img_emb_1.npy');
  });

  it('rejects metadata without url or image_path, per column and per row', async () => {
    const root = await buildFolder({ parts: [[0, 2]] });
    parquetWriteFile({ filename: join(root, 'metadata/metadata_0.parquet'), columnData: [{ name: 'caption', data: ['a', 'b'], type: 'STRING' }] });
    expect((await errorOf(readEmbeddingFolder(root))).message).toMatch(/^metadata\/metadata_0\.parquet: no url or image_path column/);

    parquetWriteFile({
      filename: join(root, 'metadata/metadata_0.parquet'),
      columnData: [{ name: 'url', data: ['https://a.test/1.jpg', null], type: 'STRING' }, { name: 'image_path', data: [null, null], type: 'STRING' }],
    });
    const err = await errorOf(readAll(await readEmbeddingFolder(root)));
    expect(err.message).toBe('metadata/metadata_0.parquet: row 1: has neither a url nor an image_path');
  });
});
