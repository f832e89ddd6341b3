import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { normaliseVector } from './normalise-vector';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a throw');
}

describe('normaliseVector', () => {
  it('scales to unit length and returns a new array', () => {
    const input = new Float32Array([3, 4]);
    const out = normaliseVector(input, 'f.npy', 0, 2);
    expect(Array.from(out)).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect(Array.from(input)).toEqual([3, 4]);
  });

  it.each([
    [[1, NaN, 0], 'embedding contains NaN'],
    [[1, Infinity, 0], 'embedding contains Infinity'],
    [[-Infinity, 1, 0], 'embedding contains Infinity'],
    [[0, 0, 0], 'embedding is all zeros'],
  ])('rejects %j naming file and row', (v, message) => {
    const err = errorOf(() => normaliseVector(v, 'img_emb/img_emb_0.npy', 17, 3));
    expect(err.code).toBe('bad_request');
    expect(err.message).toMatch(new RegExp(`^img_emb/img_emb_0\\.npy: row 17: ${message}`));
    expect(err.details).toEqual({ file: 'img_emb/img_emb_0.npy', row: 17 });
  });

  it('rejects a dimension mismatch', () => {
    const err = errorOf(() => normaliseVector([1, 2], 'a.npy', 3, 512));
    expect(err.message).toBe('a.npy: row 3: embedding has 2 dimensions, expected 512');
  });

  it('skips the dimension check when none is expected', () => {
    expect(normaliseVector([0, 2, 0], 'a.npy', 0)).toEqual(new Float32Array([0, 1, 0]));
  });
});
