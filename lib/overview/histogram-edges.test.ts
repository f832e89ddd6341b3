import { describe, expect, it } from 'vitest';
import { histogramEdges, niceStep } from './histogram-edges';

describe('histogramEdges', () => {
  it('steps a probability in twentieths, the last bar ending at the largest value', () => {
    expect(histogramEdges(0, 1, false)).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1]);
    // A real column's 0.97 read as float8 (0.9700000286…) still ends in the bar up to 1.
    expect(histogramEdges(0.1000000015, 0.9700000286, false)).toEqual([0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1]);
  });

  it('covers a narrow range with round steps and keeps the values in the first and last bars', () => {
    const edges = histogramEdges(0.2713, 0.4189, false);
    expect(edges[1] - edges[0]).toBeCloseTo(0.01, 10);
    expect(edges[0]).toBeLessThanOrEqual(0.2713);
    expect(edges[1]).toBeGreaterThan(0.2713);
    expect(edges.at(-1)).toBeGreaterThanOrEqual(0.4189);
    expect(edges.at(-2)).toBeLessThan(0.4189);
    expect(edges.every((e) => Number(e.toFixed(2)) === e)).toBe(true);
  });

  it('gives one bar when every value is the same', () => {
    expect(histogramEdges(0.5, 0.5, false)).toHaveLength(2);
    expect(histogramEdges(512, 512, true)).toEqual([512, 513]);
  });

  it('gives whole-pixel bars to sizes in a narrow range and doubling bars to a wide one', () => {
    expect(histogramEdges(100, 149, true)).toEqual([100, 105, 110, 115, 120, 125, 130, 135, 140, 145, 150]);
    expect(histogramEdges(80, 109, true)).toEqual([80, 82, 84, 86, 88, 90, 92, 94, 96, 98, 100, 102, 104, 106, 108, 110]);
    expect(histogramEdges(40, 5000, true)).toEqual([32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144]);
    expect(histogramEdges(0, 1024, true)).toEqual([0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024]);
  });

  it('rounds steps to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(0.0123, false)).toBeCloseTo(0.02, 12);
    expect(niceStep(0.021, false)).toBeCloseTo(0.025, 12);
    expect(niceStep(2.45, true)).toBe(5);
    expect(niceStep(0.3, true)).toBe(1);
    expect(niceStep(0, false)).toBe(1);
  });
});
