import { describe, expect, it } from 'vitest';
import { efSearchFor, maxScanTuplesFor, nearestSettings, overFetchFor } from './sql';

describe('nearest-neighbour settings', () => {
  it('searches deeper for a bigger graph and for a deeper k, within pgvector’s 100..1,000', () => {
    expect(efSearchFor(10)).toBe(100);
    expect(efSearchFor(10, 100_000)).toBe(100);
    expect(efSearchFor(10, 400_000)).toBe(400);
    expect(efSearchFor(10, 1_000_000)).toBe(1000);
    expect(efSearchFor(10, 50_000_000)).toBe(1000);
    expect(efSearchFor(300, 20_000)).toBe(600);
    expect(efSearchFor(3000, 20_000)).toBe(1000);
  });

  it('sends all three settings in one statement text, scan budget growing with k', () => {
    expect(nearestSettings(10, 1_000_000)).toBe('SET LOCAL hnsw.ef_search = 1000; SET LOCAL hnsw.iterative_scan = strict_order; SET LOCAL hnsw.max_scan_tuples = 50000');
    expect(maxScanTuplesFor(10_000)).toBe(200_000);
  });

  it('reads twice the rows in relaxed order once ef_search cannot be twice k', () => {
    expect(overFetchFor(500)).toBe(1);
    expect(nearestSettings(500)).toContain('iterative_scan = strict_order');
    expect(overFetchFor(501)).toBe(2);
    expect(nearestSettings(1000)).toContain('iterative_scan = relaxed_order');
  });
});
