import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateTinyClip } from './generate-tiny-clip';

const root = mkdtempSync(path.join(tmpdir(), 'sieve-tiny-clip-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const read = (dir: string, file: string) => readFileSync(path.join(dir, file));

describe('generateTinyClip', () => {
  it('writes the files a Transformers.js CLIP export has', async () => {
    const dir = await generateTinyClip(path.join(root, 'default'));
    const config = JSON.parse(read(dir, 'config.json').toString());
    expect(config).toMatchObject({ model_type: 'clip', projection_dim: 32 });
    expect(JSON.parse(read(dir, 'tokenizer_config.json').toString())).toMatchObject({
      model_max_length: 77,
      pad_token: '<|endoftext|>',
      eos_token: '<|endoftext|>',
    });
    expect(JSON.parse(read(dir, 'preprocessor_config.json').toString()).image_processor_type).toBe('CLIPImageProcessor');
    expect(read(dir, 'onnx/text_model.onnx').length).toBeGreaterThan(1000);
    expect(read(dir, 'onnx/vision_model.onnx').length).toBeGreaterThan(1000);
  });

  it('is byte-for-byte reproducible from its seed, and the seed changes the weights', async () => {
    const a = await generateTinyClip(path.join(root, 'a'), { seed: 7 });
    const b = await generateTinyClip(path.join(root, 'b'), { seed: 7 });
    const c = await generateTinyClip(path.join(root, 'c'), { seed: 8 });
    for (const file of ['config.json', 'tokenizer.json', 'onnx/text_model.onnx', 'onnx/vision_model.onnx']) {
      expect(read(a, file).equals(read(b, file))).toBe(true);
    }
    expect(read(a, 'onnx/text_model.onnx').equals(read(c, 'onnx/text_model.onnx'))).toBe(false);
  });

  it('takes the dimension of the dataset it stands in for', async () => {
    const dir = await generateTinyClip(path.join(root, 'd512'), { dim: 512 });
    expect(JSON.parse(read(dir, 'config.json').toString()).projection_dim).toBe(512);
    await expect(generateTinyClip(path.join(root, 'bad'), { dim: 0 })).rejects.toThrow(RangeError);
  });
});
