import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors/app-error';
import { resetClipForTests } from './clip-state';
import { embedTexts } from './embed-texts';
import { generateTinyClip } from './__fixtures__/generate-tiny-clip';

const root = mkdtempSync(path.join(tmpdir(), 'sieve-embed-texts-'));
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i], 0);

beforeAll(async () => {
  vi.stubEnv('SIEVE_MODEL_DIR', await generateTinyClip(path.join(root, 'model'), { dim: 48 }));
  vi.stubEnv('SIEVE_MODEL_CACHE', path.join(root, 'cache'));
  resetClipForTests();
});
afterAll(() => {
  vi.unstubAllEnvs();
  resetClipForTests();
  rmSync(root, { recursive: true, force: true });
});

describe('embedTexts', () => {
  const captions = ['a portrait of an astronaut with the American flag', 'a black-and-white silhouette of a horse', 'a cup of coffee'];

  it('returns one unit vector of the model dimension per text, in order', async () => {
    const vectors = await embedTexts(captions);
    expect(vectors).toHaveLength(3);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(48);
      expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
    }
  });

  it('gives the same caption the same vector and different captions different ones', async () => {
    const [a, again, other, reordered] = await embedTexts([captions[0], captions[0], captions[1], 'flag the with astronaut an of portrait a']);
    expect(Array.from(again)).toEqual(Array.from(a));
    expect(dot(a, again)).toBeCloseTo(1, 6);
    expect(dot(a, other)).toBeLessThan(0.999);
    expect(dot(a, reordered)).toBeLessThan(0.999);
  });

  it('is deterministic across calls and independent of batch size and padding', async () => {
    const together = await embedTexts(captions);
    const oneByOne = await embedTexts(captions, { batchSize: 1 });
    together.forEach((v, i) => {
      for (let d = 0; d < v.length; d++) expect(oneByOne[i][d]).toBeCloseTo(v[d], 6);
    });
  });

  it('encodes captions longer than the 77-token context', async () => {
    const [long] = await embedTexts(['a caption that goes on and on '.repeat(30)]);
    expect(Math.sqrt(dot(long, long))).toBeCloseTo(1, 5);
  });

  it('returns nothing for nothing and refuses what is not a list of strings', async () => {
    expect(await embedTexts([])).toEqual([]);
    await expect(embedTexts([42 as unknown as string])).rejects.toMatchObject({ code: 'bad_request' });
    await expect(embedTexts(['x'], { batchSize: 0 })).rejects.toBeInstanceOf(AppError);
  });
});
