import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { makeTempDir } from './__fixtures__/make-temp-dir';
import { packTar } from './__fixtures__/pack-tar';
import { writeNpy } from './__fixtures__/write-npy';
import { openSource } from './detect-source';
import { SHARED_DATA } from '../../test/shared-data';

const LAION = `${SHARED_DATA}/laion-sample/test_1000.parquet`;
const CLIP_NPY = `${SHARED_DATA}/clip-vit-b32/img_emb.npy`;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let n = 0;
beforeAll(async () => {
  tmp = await makeTempDir('detect');
});
afterAll(() => tmp.cleanup());

async function freshDir(): Promise<string> {
  const dir = join(tmp.dir, `d${n++}`);
  await mkdir(dir);
  return dir;
}

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('bad_request');
  return err as AppError;
}

describe('openSource', () => {
  it('opens a single parquet file with its folder as root and its base name as shard', async () => {
    const source = await openSource(LAION);
    expect(source.kind).toBe('parquet');
    expect(source.root).toBe(`${SHARED_DATA}/laion-sample`);
    expect(source.shards.map((s) => [s.file, s.rows])).toEqual([['test_1000.parquet', 1000]]);
  });

  it('opens a folder of parquet files in natural order', async () => {
    const dir = await freshDir();
    for (const name of ['part-10.parquet', 'part-2.parquet', 'part-1.parquet']) await copyFile(LAION, join(dir, name));
    await writeFile(join(dir, 'README.md'), 'not data');
    const source = await openSource(dir);
    expect(source).toMatchObject({ kind: 'parquet', root: dir });
    expect(source.shards.map((s) => s.file)).toEqual(['part-1.parquet', 'part-2.parquet', 'part-10.parquet']);
  });

  it('recognises a clip-retrieval embedding folder', async () => {
    const dir = await freshDir();
    await mkdir(join(dir, 'metadata'));
    await mkdir(join(dir, 'img_emb'));
    const urls = Array.from({ length: 7 }, (_, i) => `https://x.test/${i}.jpg`);
    parquetWriteFile({ filename: join(dir, 'metadata/metadata_0.parquet'), columnData: [{ name: 'url', data: urls, type: 'STRING' }] });
    await copyFile(CLIP_NPY, join(dir, 'img_emb/img_emb_0.npy'));
    const source = await openSource(dir);
    expect(source.kind).toBe('embedding-folder');
    expect(source.shards.map((s) => [s.file, s.rows, s.dim])).toEqual([['metadata/metadata_0.parquet', 7, 512]]);
  });

  it('recognises img2dataset output (tars and numbered folders) even beside its stats parquet files', async () => {
    const dir = await freshDir();
    const png = await readFile(`${SHARED_DATA}/photos/horse.png`);
    await packTar(join(dir, '00001.tar'), [{ name: '000010000.png', data: png }, { name: '000010000.txt', data: 'a horse' }]);
    await mkdir(join(dir, '00000'));
    await writeFile(join(dir, '00000/000000000.png'), png);
    await writeFile(join(dir, '00000/000000000.txt'), 'a horse\n');
    await copyFile(LAION, join(dir, '00000.parquet'));
    const source = await openSource(dir, { mediaDir: join(tmp.dir, 'media') });
    expect(source.kind).toBe('img2dataset');
    expect(source.shards.map((s) => [s.file, s.rows])).toEqual([['00000', 1], ['00001.tar', 1]]);
    for (const shard of source.shards) for await (const [r] of shard.batches(10)) expect(r.caption).toBe('a horse');
  });

  it('opens a single tar file', async () => {
    const dir = await freshDir();
    await packTar(join(dir, 'shard.tar'), [{ name: 'a.txt', data: 'caption only' }]);
    const source = await openSource(join(dir, 'shard.tar'), { mediaDir: join(tmp.dir, 'media') });
    expect(source).toMatchObject({ kind: 'img2dataset', root: dir });
    expect(source.shards.map((s) => [s.file, s.rows])).toEqual([['shard.tar', 1]]);
  });

  it('rejects a path that does not exist', async () => {
    const err = await errorOf(openSource(join(tmp.dir, 'missing')));
    expect(err.message).toBe(`${join(tmp.dir, 'missing')} does not exist or cannot be read`);
  });

  it('rejects a folder or file with nothing to ingest', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'notes.txt'), 'hello');
    await mkdir(join(dir, 'metadata')); // metadata/ alone is not an embedding folder
    expect((await errorOf(openSource(dir))).message).toMatch(/found nothing to ingest/);
    expect((await errorOf(openSource(join(dir, 'notes.txt')))).message).toMatch(/expected a \.parquet or \.tar file, or a folder/);
  });

  it('rejects a stray npy that is not part of an embedding folder layout', async () => {
    const dir = await freshDir();
    await writeNpy(join(dir, 'x.npy'), { descr: '<f4', shape: [1, 2], data: new Float32Array([1, 2]) });
    expect((await errorOf(openSource(dir))).message).toMatch(/found nothing to ingest/);
  });
});
