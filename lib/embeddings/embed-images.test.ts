import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetClipForTests } from './clip-state';
import { embedImages } from './embed-images';
import { generateTinyClip } from './__fixtures__/generate-tiny-clip';

const DATA = fileURLToPath(new URL('../../../shared/data', import.meta.url));
const PHOTOS = path.join(DATA, 'photos');
const JPEGS = path.join(DATA, 'clip-vit-b32/images');
const root = mkdtempSync(path.join(tmpdir(), 'sieve-embed-images-'));
const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, x, i) => sum + x * b[i], 0);
const imagesIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.(png|jpe?g)$/i.test(f))
    .map((f) => path.join(dir, f));

beforeAll(async () => {
  vi.stubEnv('SIEVE_MODEL_DIR', await generateTinyClip(path.join(root, 'model')));
  vi.stubEnv('SIEVE_MODEL_CACHE', path.join(root, 'cache'));
  resetClipForTests();
});
afterAll(() => {
  vi.unstubAllEnvs();
  resetClipForTests();
  rmSync(root, { recursive: true, force: true });
});

describe('embedImages', () => {
  it('encodes every shared photo (RGB, grayscale, RGBA, PNG, JPEG) and test JPEG to a unit vector', async () => {
    const files = [...imagesIn(PHOTOS), ...imagesIn(JPEGS)];
    expect(files.length).toBeGreaterThanOrEqual(15);
    const vectors = await embedImages(files, { batchSize: 4 });
    expect(vectors).toHaveLength(files.length);
    for (const v of vectors) {
      expect(v).toHaveLength(32);
      expect(Math.sqrt(dot(v, v))).toBeCloseTo(1, 5);
    }
  });

  it('gives the same image the same vector, whether passed as a path or as bytes', async () => {
    const file = path.join(PHOTOS, 'astronaut.png');
    const [fromPath, again, fromBytes] = await embedImages([file, file, readFileSync(file)]);
    expect(Array.from(again)).toEqual(Array.from(fromPath));
    expect(Array.from(fromBytes)).toEqual(Array.from(fromPath));
  });

  it('puts a re-encoded, slightly brighter copy closer to its original than to another photo', async () => {
    const original = readFileSync(path.join(PHOTOS, 'chelsea.png'));
    const copy = await sharp(original).modulate({ brightness: 1.05 }).jpeg({ quality: 80 }).toBuffer();
    const [a, b, other] = await embedImages([original, copy, path.join(PHOTOS, 'rocket.jpg')]);
    expect(dot(a, b)).toBeGreaterThan(0.95);
    expect(dot(a, b)).toBeGreaterThan(dot(a, other));
  });

  it('rejects bytes that are no image, naming which input', async () => {
    const good = path.join(PHOTOS, 'coffee.png');
    await expect(embedImages([good, Buffer.from('not an image at all')])).rejects.toMatchObject({
      code: 'unsupported_media_type',
      details: { index: 1 },
    });
    const truncated = readFileSync(path.join(JPEGS, '123_456.jpg')).subarray(0, 200);
    await expect(embedImages([truncated])).rejects.toMatchObject({ code: 'unsupported_media_type' });
  });

  it('refuses URLs and reports missing files', async () => {
    await expect(embedImages(['https://example.com/cat.jpg'])).rejects.toMatchObject({ code: 'bad_request' });
    await expect(embedImages([path.join(root, 'nope.png')])).rejects.toMatchObject({ code: 'not_found', details: { index: 0 } });
    expect(await embedImages([])).toEqual([]);
  });
});
