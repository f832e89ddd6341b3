import { describe, expect, it } from 'vitest';
import { steerToRating } from './steer-to-rating';

describe('steerToRating', () => {
  it('adds weight × rating to the query as given and returns a unit vector', () => {
    const out = steerToRating(Float32Array.from([3, 0]), Float32Array.from([0, 1]), 4);
    expect(Array.from(out)).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6)]);
  });

  it('refuses a weight that cancels the query out', () => {
    expect(() => steerToRating(Float32Array.from([1, 0]), Float32Array.from([1, 0]), -1)).toThrow(/no direction left/);
  });
});
