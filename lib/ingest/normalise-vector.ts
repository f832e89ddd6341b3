// Validates one embedding (finite, non-zero, expected dimension) and scales it to unit L2 norm.
import { badInput } from '../errors/bad-input';

/**
 * Returns a new unit-length Float32Array. Throws a bad_request naming `file` and `row`
 * on NaN/Infinity, an all-zero vector, or a length other than `expectedDim` (skipped when null).
 */
export function normaliseVector(
  v: ArrayLike<number>,
  file: string,
  row: number,
  expectedDim: number | null = null,
): Float32Array {
  if (expectedDim !== null && v.length !== expectedDim) {
    throw badInput(file, `embedding has ${v.length} dimensions, expected ${expectedDim}`, row);
  }
  if (v.length === 0) throw badInput(file, 'embedding is empty', row);
  let sumSq = 0;
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    if (Number.isNaN(x)) throw badInput(file, `embedding contains NaN (at index ${i})`, row);
    if (!Number.isFinite(x)) throw badInput(file, `embedding contains Infinity (at index ${i})`, row);
    sumSq += x * x;
  }
  // Summed in float64, so float16/float32 inputs cannot overflow here.
  if (sumSq === 0) throw badInput(file, 'embedding is all zeros (cannot be normalised)', row);
  const norm = Math.sqrt(sumSq);
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = v[i] / norm;
  return out;
}
