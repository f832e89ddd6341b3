import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { makeTempDir } from './__fixtures__/make-temp-dir';
import { packTar } from './__fixtures__/pack-tar';
import { readImg2dataset } from './read-img2dataset';
import type { PairRecord, Source } from './types';
import { SHARED_DATA } from '../../test/shared-data';

const PHOTOS = `${SHARED_DATA}/photos`;
interface Photo { file: string; caption: string; width: number; height: number; bytes: Buffer }
let photos: Photo[];
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let n = 0;

beforeAll(async () => {
  tmp = await makeTempDir('i2d');
  const captions: Record<string, { caption: string; width: number; height: number }> = JSON.parse(await readFile(join(PHOTOS, 'captions.json'), 'utf8'));
  photos = await Promise.all(Object.entries(captions).map(async ([file, c]) => ({ file, ...c, bytes: await readFile(join(PHOTOS, file)) })));
});
afterAll(() => tmp.cleanup());

const ext = (p: Photo) => p.file.slice(p.file.lastIndexOf('.') + 1);
const key = (shard: number, i: number) => `${String(shard).padStart(5, '0')}${String(i).padStart(4, '0')}`;

/** The members img2dataset writes for each sample: image, caption .txt and metadata .json. */
function sampleMembers(shard: number, list: Photo[]): { name: string; data: Buffer | string }[] {
  return list.flatMap((p, i) => {
    const meta = {
      url: `https://example.org/${p.file}`, caption: p.caption, key: key(shard, i), status: 'success', error_message: null,
      width: p.width, height: p.height, original_width: p.width * 2, original_height: p.height * 2, exif: null,
      sha256: createHash('sha256').update(p.bytes).digest('hex'),
    };
    return [
      { name: `${key(shard, i)}.${ext(p)}`, data: p.bytes },
      { name: `${key(shard, i)}.txt`, data: p.caption },
      { name: `${key(shard, i)}.json`, data: JSON.stringify(meta) },
    ];
  });
}
const failed = (shard: number, i: number) => ({
  name: `${key(shard, i)}.json`,
  data: JSON.stringify({ url: 'https://example.org/gone.jpg', key: key(shard, i), status: 'failed_to_download', error_message: 'HTTP Error 404' }),
});

/** Shard 0 = photos 0-4 plus one failed download, shard 1 = photos 5-7, with img2dataset's side files. */
async function buildOutput(format: 'files' | 'webdataset'): Promise<string> {
  const root = join(tmp.dir, `${format}${n++}`);
  await mkdir(root);
  const shards = [[...sampleMembers(0, photos.slice(0, 5)), failed(0, 5)], sampleMembers(1, photos.slice(5))];
  for (const [s, members] of shards.entries()) {
    const name = String(s).padStart(5, '0');
    if (format === 'webdataset') {
      await packTar(join(root, `${name}.tar`), [...members].reverse()); // download order, not key order
    } else {
      await mkdir(join(root, name));
      for (const m of members) await writeFile(join(root, name, m.name), m.data);
    }
    parquetWriteFile({ filename: join(root, `${name}.parquet`), columnData: [{ name: 'url', data: ['u'], type: 'STRING' }] });
    await writeFile(join(root, `${name}_stats.json`), '{"count": 6}');
  }
  return root;
}

async function readAll(source: Source): Promise<PairRecord[]> {
  const out: PairRecord[] = [];
  for (const shard of source.shards) for await (const b of shard.batches(2)) out.push(...b);
  return out;
}

async function errorOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('bad_request');
  return err as AppError;
}

function expectPhotoRecords(rows: PairRecord[], shardFiles: [string, string]) {
  expect(rows).toHaveLength(8);
  rows.forEach((r, i) => {
    const p = photos[i];
    const [shard, row] = i < 5 ? [0, i] : [1, i - 5];
    expect(r).toMatchObject({
      sourceFile: shardFiles[shard], sourceRow: row, url: `https://example.org/${p.file}`, caption: p.caption,
      width: p.width, height: p.height, sampleId: key(shard, row), imgEmb: null, txtEmb: null,
    });
    expect(r.extra).toEqual({
      status: 'success', error_message: null, original_width: p.width * 2, original_height: p.height * 2, exif: null,
      sha256: createHash('sha256').update(p.bytes).digest('hex'),
    });
  });
}

describe('readImg2dataset, files format', () => {
  it('reads numbered folders in key order, skips failed downloads, serves images in place', async () => {
    const root = await buildOutput('files');
    const source = await readImg2dataset(root);
    expect(source).toMatchObject({ kind: 'img2dataset', root });
    expect(source.shards.map((s) => [s.file, s.rows, s.dim])).toEqual([['00000', 5, null], ['00001', 3, null]]);
    const rows = await readAll(source);
    expectPhotoRecords(rows, ['00000', '00001']);
    expect(rows[0].imagePath).toBe(join(root, '00000', `000000000.${ext(photos[0])}`));
    for (const [i, r] of rows.entries()) expect((await readFile(r.imagePath!)).equals(photos[i].bytes)).toBe(true);
  });
});

describe('readImg2dataset, webdataset format', () => {
  it('orders samples by key and extracts each image byte-identical, deterministically', async () => {
    const root = await buildOutput('webdataset');
    const mediaDir = join(tmp.dir, `media${n++}`);
    const source = await readImg2dataset(root, { mediaDir });
    expect(source.shards.map((s) => [s.file, s.rows])).toEqual([['00000.tar', 5], ['00001.tar', 3]]);
    const rows = await readAll(source);
    expectPhotoRecords(rows, ['00000.tar', '00001.tar']);
    expect(rows[5].imagePath).toBe(join(mediaDir, '00001', `000010000.${ext(photos[5])}`));
    for (const [i, r] of rows.entries()) expect((await readFile(r.imagePath!)).equals(photos[i].bytes)).toBe(true);

    const again = await readAll(await readImg2dataset(root, { mediaDir }));
    expect(again).toEqual(rows);
    for (const [i, r] of again.entries()) expect((await readFile(r.imagePath!)).equals(photos[i].bytes)).toBe(true);
    expect((await readdir(join(mediaDir, '00000'))).sort()).toEqual(photos.slice(0, 5).map((p, i) => `${key(0, i)}.${ext(p)}`).sort());
  });

  it('can stop a pass early and start another (the tar handle is released and reopened)', async () => {
    const source = await readImg2dataset(await buildOutput('webdataset'), { mediaDir: join(tmp.dir, `media${n++}`) });
    for await (const batch of source.shards[0].batches(2)) {
      expect(batch.map((r) => r.sourceRow)).toEqual([0, 1]);
      break;
    }
    const rows: PairRecord[] = [];
    for await (const batch of source.shards[0].batches(100)) rows.push(...batch);
    expect(rows.map((r) => r.caption)).toEqual(photos.slice(0, 5).map((p) => p.caption));
  });

  it('needs a media folder', async () => {
    const err = await errorOf(readImg2dataset(await buildOutput('webdataset')));
    expect(err.message).toBe('00000.tar: a media folder is needed to extract images from webdataset tars');
  });

  it('reports a truncated or corrupt tar naming the file', async () => {
    const root = await buildOutput('webdataset');
    const tar = await readFile(join(root, '00001.tar'));
    await writeFile(join(root, '00001.tar'), tar.subarray(0, tar.length >> 1));
    expect((await errorOf(readImg2dataset(root, { mediaDir: tmp.dir }))).message).toMatch(/^00001\.tar: truncated tar/);
    await writeFile(join(root, '00001.tar'), Buffer.alloc(4096, 0x41));
    expect((await errorOf(readImg2dataset(root, { mediaDir: tmp.dir }))).message).toBe('00001.tar: not a tar file (bad header checksum)');
  });

  it('refuses members that would extract outside the media folder', async () => {
    const root = join(tmp.dir, `evil${n++}`);
    await mkdir(root);
    await packTar(join(root, '00000.tar'), [{ name: '../../escape.png', data: photos[0].bytes }]);
    const source = await readImg2dataset(root, { mediaDir: join(tmp.dir, 'media-evil') });
    const err = await errorOf(readAll(source));
    expect(err.message).toBe('00000.tar: row 0: member ../../escape.png would extract outside the media folder');
  });

  it('reports a sample JSON that does not parse, with its row', async () => {
    const root = join(tmp.dir, `badjson${n++}`);
    await mkdir(root);
    await packTar(join(root, '00000.tar'), [...sampleMembers(0, photos.slice(0, 1)), { name: '000000001.json', data: '{oops' }, { name: '000000001.png', data: photos[1].bytes }]);
    const err = await errorOf(readAll(await readImg2dataset(root, { mediaDir: join(tmp.dir, 'media-json') })));
    expect(err.message).toMatch(/^00000\.tar: row 1: 000000001\.json is not valid JSON/);
  });
});
