import { Tensor } from '@huggingface/transformers';
import { describe, expect, it } from 'vitest';
import { normaliseEmbeddings } from './normalise-embeddings';

describe('normaliseEmbeddings', () => {
  it('splits a [batch, dim] tensor into unit rows without touching the tensor', () => {
    const data = new Float32Array([3, 4, 0, 0, -2, 0]);
    const [a, b] = normaliseEmbeddings(new Tensor('float32', data, [2, 3]));
    expect(Array.from(a)).toEqual(Array.from(new Float32Array([0.6, 0.8, 0])));
    expect(Array.from(b)).toEqual([0, -1, 0]);
    expect(data[0]).toBe(3);
  });

  it('refuses zero and non-finite output rather than let it into an index', () => {
    expect(() => normaliseEmbeddings(new Tensor('float32', new Float32Array([1, 0, 0, 0]), [2, 2]))).toThrow(
      expect.objectContaining({ code: 'internal', details: { row: 1 } }),
    );
    expect(() => normaliseEmbeddings(new Tensor('float32', new Float32Array([NaN, 1]), [1, 2]))).toThrow(
      expect.objectContaining({ code: 'internal' }),
    );
  });
});
