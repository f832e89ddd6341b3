import { copyFile, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { makeTempDir } from './__fixtures__/make-temp-dir';
import { writeNpy } from './__fixtures__/write-npy';
import { readNpy } from './read-npy';
import { SHARED_DATA } from '../../test/shared-data';

const CLIP = `${SHARED_DATA}/clip-vit-b32/img_emb.npy`;
const VIOLENCE = `${SHARED_DATA}/violence/violence_detection_vit_b_32.npy`;
const AESTHETIC_W = `${SHARED_DATA}/aesthetic/vit_b_32_linear_weight.npy`;

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir('npy');
});
afterAll(() => tmp.cleanup());

const norm = (v: Float32Array) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));

async function expectBadInput(p: Promise<unknown>, message: RegExp, file: string) {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('bad_request');
  expect((err as AppError).message).toMatch(message);
  expect((err as AppError).message.startsWith(`${file}: `)).toBe(true);
  expect((err as AppError).details).toMatchObject({ file });
}

describe('readNpy on real CLIP float16 embeddings', () => {
  it('reads shape and dtype from the header', async () => {
    const npy = await readNpy(CLIP, 'img_emb.npy');
    expect(npy).toMatchObject({ dtype: 'float16', shape: [7, 512], rows: 7, dim: 512, file: 'img_emb.npy' });
  });

  it('reads row ranges with the values numpy reports', async () => {
    const npy = await readNpy(CLIP, 'img_emb.npy');
    const [row0] = await npy.readRows(0, 1);
    // Expected values printed by numpy: a[0, :4] and a[6, -2:] as float32 (every half is exact in float32).
    expect(Array.from(row0.subarray(0, 4))).toEqual([0.0107879638671875, -0.0218353271484375, 0.01145172119140625, -0.00627899169921875]);
    expect(norm(row0)).toBeCloseTo(1.0003083, 6);
    const rows = await npy.readRows(3, 4);
    expect(rows).toHaveLength(4);
    expect(Array.from(rows[0].subarray(0, 4))).toEqual([0.01320648193359375, 0.0283203125, -0.0047607421875, 0.0216217041015625]);
    expect(Array.from(rows[3].subarray(510))).toEqual([-0.0002741813659667969, -0.00638580322265625]);
    expect(await npy.readRows(7, 0)).toEqual([]);
  });

  it('refuses ranges outside the file', async () => {
    const npy = await readNpy(CLIP, 'img_emb.npy');
    await expectBadInput(npy.readRows(5, 3), /outside the 7 rows/, 'img_emb.npy');
  });
});

describe('readNpy on float32 files', () => {
  it('reads a real 2-D float32 array', async () => {
    const npy = await readNpy(VIOLENCE, 'violence.npy');
    expect(npy).toMatchObject({ dtype: 'float32', rows: 2, dim: 512 });
    const [a, b] = await npy.readRows(0, 2);
    expect(Array.from(a.subarray(0, 3))).toEqual([0.00684356689453125, 0.0180511474609375, 0.0006623268127441406]);
    expect(Array.from(b.subarray(510))).toEqual([0.032867431640625, 0.0298004150390625]);
  });

  it('reads a 1-D array as one row', async () => {
    const npy = await readNpy(AESTHETIC_W, 'weight.npy');
    expect(npy).toMatchObject({ shape: [512], rows: 1, dim: 512 });
    const [row] = await npy.readRows(0, 1);
    expect(Array.from(row.subarray(0, 3))).toEqual([1.2080795764923096, -0.15948191285133362, -0.2843078374862671]);
  });

  it.each([2, 3] as const)('reads format version %i headers', async (version) => {
    const path = join(tmp.dir, `v${version}.npy`);
    await writeNpy(path, { descr: '<f4', shape: [2, 3], data: new Float32Array([1, 2, 3, -4, 5.5, 6]), version });
    const npy = await readNpy(path, 'v.npy');
    expect((await npy.readRows(0, 2)).map((r) => Array.from(r))).toEqual([[1, 2, 3], [-4, 5.5, 6]]);
  });
});

describe('readNpy errors', () => {
  it('rejects a file that is not an npy', async () => {
    await expectBadInput(readNpy(`${SHARED_DATA}/photos/captions.json`, 'captions.json'), /not a \.npy file/, 'captions.json');
  });

  it('rejects a truncated file, naming the sizes', async () => {
    const path = join(tmp.dir, 'trunc.npy');
    await copyFile(CLIP, path);
    await truncate(path, 128 + 7 * 1024 - 100);
    await expectBadInput(readNpy(path, 'img_emb/img_emb_0.npy'), /truncated: header says shape \(7, 512\) float16, which needs 7296 bytes, but the file has 7196/, 'img_emb/img_emb_0.npy');
  });

  it('rejects a file cut inside its header', async () => {
    const path = join(tmp.dir, 'header-cut.npy');
    await writeFile(path, (await readFile(CLIP)).subarray(0, 40));
    await expectBadInput(readNpy(path, 'h.npy'), /truncated \.npy header/, 'h.npy');
  });

  it.each(['<i4', '>f4', '<c8', '|u1'])('rejects dtype %s', async (descr) => {
    const path = join(tmp.dir, 'dtype.npy');
    await writeNpy(path, { descr, shape: [1, 2], data: Buffer.alloc(8) });
    await expectBadInput(readNpy(path, 'd.npy'), /unsupported dtype/, 'd.npy');
  });

  it('rejects Fortran order', async () => {
    const path = join(tmp.dir, 'fortran.npy');
    await writeNpy(path, { descr: '<f4', shape: [2, 2], data: new Float32Array(4), fortran: true });
    await expectBadInput(readNpy(path, 'f.npy'), /Fortran-order/, 'f.npy');
  });

  it('rejects 3-D arrays and missing files', async () => {
    const path = join(tmp.dir, '3d.npy');
    await writeNpy(path, { descr: '<f4', shape: [1, 2, 2], data: new Float32Array(4) });
    await expectBadInput(readNpy(path, '3d.npy'), /1-D or 2-D/, '3d.npy');
    await expectBadInput(readNpy(join(tmp.dir, 'nope.npy'), 'nope.npy'), /cannot read .npy file \(ENOENT\)/, 'nope.npy');
  });
});
