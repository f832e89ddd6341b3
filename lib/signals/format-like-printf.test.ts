import { describe, expect, it } from 'vitest';
import { formatLikePrintf } from './format-like-printf';

// Expected strings are what glibc's printf("%f") (and Python's '%f') print for these doubles.
describe('formatLikePrintf', () => {
  it.each([
    [0.0813599, '0.081360'],
    [-0.754395, '-0.754395'],
    [0.0078125, '0.007812'], // 1/128: an exact tie, to even (toFixed says 0.007813)
    [0.0234375, '0.023438'], // 3/128: a tie whose even neighbour is above
    [-0.0390625, '-0.039062'],
    [1.5, '1.500000'],
    [-0, '-0.000000'], // C keeps the sign of zero
    [-1e-7, '-0.000000'],
    [1e-7, '0.000000'],
    [Number.NaN, 'nan'],
    [Number.NEGATIVE_INFINITY, '-inf'],
  ])('%d → %s', (v, s) => {
    expect(formatLikePrintf(v)).toBe(s);
  });
});
