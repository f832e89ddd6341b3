import { afterEach, describe, expect, it, vi } from 'vitest';

const naive = (a: ArrayLike<number>, m: number, k: number, b: ArrayLike<number>, n: number) =>
  Array.from({ length: m * n }, (_, at) => {
    const [i, j] = [Math.floor(at / n), at % n];
    let s = 0;
    for (let p = 0; p < k; p++) s += a[i * k + p] * b[p * n + j];
    return s;
  });

// A 3 × 5 matrix read through a view that starts 7 floats into its buffer, times 5 × 4.
const backing = Float32Array.from({ length: 22 }, (_, i) => (i % 5) - 2.5 + i / 10);
const a = backing.subarray(7);
const b = Float32Array.from({ length: 20 }, (_, i) => Math.sin(i));
const want = naive(a, 3, 5, b, 4);

afterEach(() => {
  vi.doUnmock('@huggingface/transformers');
  vi.resetModules();
  vi.restoreAllMocks();
});

describe('multiplyMatrices', () => {
  it('multiplies row-major matrices on the ONNX runtime, views included', async () => {
    const { multiplyMatrices } = await import('./multiply-matrices');
    expect(Array.from(await multiplyMatrices(a, [3, 5], b, [5, 4]))).toEqual(want.map((x) => expect.closeTo(x, 4)));
    await expect(multiplyMatrices(a, [3, 5], b, [4, 5])).rejects.toThrow(/cannot multiply 3×5 by 4×5/);
  });

  it('gives the same numbers in JavaScript where the runtime cannot load', async () => {
    vi.resetModules();
    vi.doMock('@huggingface/transformers', () => {
      throw new Error('no native runtime here');
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { multiplyMatrices } = await import('./multiply-matrices');
    expect(Array.from(await multiplyMatrices(a, [3, 5], b, [5, 4]))).toEqual(want.map((x) => expect.closeTo(x, 4)));
    expect(logged).toHaveBeenCalledWith(expect.stringMatching(/multiplying in JavaScript/), expect.anything());
  });
});
