import { describe, expect, it } from 'vitest';
import { collapseDuplicates } from './collapse-duplicates';

const v = (...xs: number[]) => Float32Array.from(xs);

describe('collapseDuplicates', () => {
  it('folds items at or above the cosine threshold into the first, keeping order', () => {
    const items = [
      { id: 1, v: v(1, 0) },
      { id: 2, v: v(0, 1) },
      { id: 3, v: v(0.99, 0.05) }, // cos ≈ 0.9987 to 1
      { id: 4, v: v(0.7, 0.7) }, // cos ≈ 0.707 to both
      { id: 5, v: null },
      { id: 6, v: v(0, 2) }, // same direction as 2
    ];
    const groups = collapseDuplicates(items, (i) => i.v, 0.94);
    expect(groups.map((g) => [g.item.id, g.index, g.duplicates])).toEqual([
      [1, 0, 1],
      [2, 1, 1],
      [4, 3, 0],
      [5, 4, 0],
    ]);
  });
});
