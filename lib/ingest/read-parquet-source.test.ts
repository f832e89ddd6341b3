import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { makeTempDir } from './__fixtures__/make-temp-dir';
import { PARQUET_WINDOW_ROWS } from '../parquet/open-parquet-file';
import { readParquetSource } from './read-parquet-source';
import type { PairRecord, Shard } from './types';
import { SHARED_DATA } from '../../test/shared-data';

const LAION = `${SHARED_DATA}/laion-sample`;

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir('parquet');
});
afterAll(() => tmp.cleanup());

async function collect(shard: Shard, batchSize: number): Promise<PairRecord[][]> {
  const out: PairRecord[][] = [];
  for await (const b of shard.batches(batchSize)) out.push(b);
  return out;
}

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('bad_request');
  return err as AppError;
}

describe('readParquetSource on test_1000.parquet', () => {
  it('knows the row count from the footer and streams all rows in order', async () => {
    const source = await readParquetSource(LAION, ['test_1000.parquet']);
    expect(source.kind).toBe('parquet');
    const [shard] = source.shards;
    expect(shard).toMatchObject({ file: 'test_1000.parquet', rows: 1000, dim: null });
    const batches = await collect(shard, 300);
    expect(batches.map((b) => b.length)).toEqual([300, 300, 300, 100]);
    const rows = batches.flat();
    expect(rows.map((r) => r.sourceRow)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    expect(rows[0]).toMatchObject({
      sourceFile: 'test_1000.parquet',
      url: 'http://direct.rhapsody.com/imageserver/v2/albums/Alb.131805200/images/170x170.jpg',
      caption: 'Classical Masterpieces: Xerses & More, Vol. 8 by Various Artists',
      extra: null,
      imgEmb: null,
    });
    expect(rows[2].url).toBe('https://ihfiles.com/products/108/16051/p/3/342256.jpeg');
    expect(rows.every((r) => typeof r.url === 'string' && r.url.startsWith('http'))).toBe(true);
  });
});

describe('readParquetSource windows', () => {
  it('crosses row groups and splits big row groups without losing or reordering rows', async () => {
    const n = PARQUET_WINDOW_ROWS * 2 + 7;
    const urls = Array.from({ length: n }, (_, i) => `https://x.test/${i}.jpg`);
    parquetWriteFile({
      filename: join(tmp.dir, 'big.parquet'),
      columnData: [
        { name: 'url', data: urls, type: 'STRING' },
        { name: 'caption', data: urls.map((_, i) => `caption ${i}`), type: 'STRING' },
        { name: 'similarity', data: urls.map((_, i) => i / n), type: 'DOUBLE' },
      ],
      rowGroupSize: [250, n], // a small first group, then one group bigger than a window
    });
    const [shard] = (await readParquetSource(tmp.dir, ['big.parquet'])).shards;
    expect(shard.rows).toBe(n);
    let expected = 0;
    for await (const batch of shard.batches(4096)) {
      expect(batch.length).toBeLessThanOrEqual(4096);
      for (const r of batch) {
        expect(r.sourceRow).toBe(expected);
        expect(r.url).toBe(`https://x.test/${expected}.jpg`);
        expected++;
      }
    }
    expect(expected).toBe(n);
  });
});

describe('readParquetSource errors', () => {
  it('names the file when there is no URL column', async () => {
    parquetWriteFile({ filename: join(tmp.dir, 'no-url.parquet'), columnData: [{ name: 'TEXT', data: ['a'], type: 'STRING' }] });
    const err = await errorOf(readParquetSource(tmp.dir, ['no-url.parquet']));
    expect(err.message).toBe('no-url.parquet: no url column (looked for url, any case; found TEXT)');
    expect(err.details).toEqual({ file: 'no-url.parquet' });
  });

  it('names the file when there is no caption column', async () => {
    parquetWriteFile({ filename: join(tmp.dir, 'no-caption.parquet'), columnData: [{ name: 'URL', data: ['u'], type: 'STRING' }] });
    const err = await errorOf(readParquetSource(tmp.dir, ['no-caption.parquet']));
    expect(err.message).toMatch(/^no-caption\.parquet: no caption column \(looked for caption or text/);
  });

  it('reports a truncated parquet as a bad_request naming the file', async () => {
    const bytes = await readFile(join(LAION, 'test_1000.parquet'));
    await writeFile(join(tmp.dir, 'cut.parquet'), bytes.subarray(0, bytes.length >> 1));
    const err = await errorOf(readParquetSource(tmp.dir, ['cut.parquet']));
    expect(err.message).toMatch(/^cut\.parquet: not a readable parquet file/);
  });

  it('reports corrupt data pages (intact footer) when the rows are read', async () => {
    const bytes = Buffer.from(await readFile(join(LAION, 'test_1000.parquet')));
    bytes.fill(0xab, 4, 4000); // the first column chunk starts right after the 4-byte magic
    await writeFile(join(tmp.dir, 'garbled.parquet'), bytes);
    const [shard] = (await readParquetSource(tmp.dir, ['garbled.parquet'])).shards;
    expect(shard.rows).toBe(1000);
    const err = await errorOf(collect(shard, 100));
    expect(err.message).toMatch(/^garbled\.parquet: rows 0\.\.999 could not be decoded/);
  });

  it('reports a missing file', async () => {
    const err = await errorOf(readParquetSource(tmp.dir, ['absent.parquet']));
    expect(err.message).toMatch(/^absent\.parquet: cannot read parquet file \(ENOENT\)/);
  });
});
