import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { resetClipForTests } from './clip-state';
import { generateTinyClip } from './__fixtures__/generate-tiny-clip';
import { loadClip } from './load-clip';
import { tokenizeTexts } from './tokenize-texts';

const root = mkdtempSync(path.join(tmpdir(), 'sieve-tokenize-'));

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

describe('tokenizeTexts', () => {
  it('pads to the batch, cuts at 77 tokens and always ends a caption with the end token', async () => {
    const { tokenizer } = await loadClip('text');
    const long = 'a very long caption about many things '.repeat(20);
    const { input_ids, attention_mask } = tokenizeTexts(tokenizer, ['a cat', long]);
    const [rows, width] = input_ids.dims;
    expect(rows).toBe(2);
    expect(width).toBe(77);

    const ids = Array.from(input_ids.data as BigInt64Array, Number);
    const mask = Array.from(attention_mask.data as BigInt64Array, Number);
    const start = tokenizer.bos_token_id;
    const end = tokenizer.eos_token_id;
    const short = ids.slice(0, width);
    const cut = ids.slice(width);
    expect(short.slice(0, 7)).toEqual([start, ...Array.from(Buffer.from('a cat')), end]);
    expect(short.slice(7).every((id) => id === tokenizer.pad_token_id)).toBe(true);
    expect(mask.slice(0, width).filter(Boolean)).toHaveLength(7);
    expect(cut[0]).toBe(start);
    expect(cut[width - 1]).toBe(end);
    expect(cut.filter((id) => id === end)).toHaveLength(1);
    expect(mask.slice(width).every((m) => m === 1)).toBe(true);
  });

  it('leaves a caption of exactly 77 tokens as the tokenizer made it', async () => {
    const { tokenizer } = await loadClip('text');
    const { input_ids } = tokenizeTexts(tokenizer, ['x'.repeat(75)]);
    const ids = Array.from(input_ids.data as BigInt64Array, Number);
    expect(ids).toHaveLength(77);
    expect(ids[75]).toBe('x'.charCodeAt(0));
    expect(ids[76]).toBe(tokenizer.eos_token_id);
  });
});
