import { describe, expect, it } from 'vitest';
import { fuseRankings, RRF_K } from './fuse-rankings';

describe('fuseRankings (reciprocal rank fusion)', () => {
  it('scores each item 1/(k + rank) per list and sums over lists', () => {
    const fused = fuseRankings([['a', 'b', 'c'], ['c', 'a']], (x) => x);
    expect(fused.map((f) => f.item)).toEqual(['a', 'c', 'b']);
    expect(fused[0].score).toBeCloseTo(1 / (RRF_K + 1) + 1 / (RRF_K + 2), 12);
    expect(fused[1].score).toBeCloseTo(1 / (RRF_K + 3) + 1 / (RRF_K + 1), 12);
    expect(fused[2].score).toBeCloseTo(1 / (RRF_K + 2), 12);
  });

  it('prefers an item both lists rank well over one that only one list ranks first', () => {
    const fused = fuseRankings([['solo', 'both'], ['x', 'both']], (s) => s);
    expect(fused[0].item).toBe('both');
  });

  it('breaks ties on the key, so pages are stable', () => {
    expect(fuseRankings([[2, 1], [1, 2]], (n) => n).map((f) => f.item)).toEqual([1, 2]);
  });
});
