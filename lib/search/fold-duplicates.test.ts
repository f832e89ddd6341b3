import { describe, expect, it } from 'vitest';
import { collapseDuplicates } from './__fixtures__/collapse-duplicates';
import { gaussian } from './__fixtures__/write-clustered-folder';
import { foldDuplicates } from './fold-duplicates';

/** Vectors in runs of near-copies (some within cosine 0.94 of each other, some not), a few missing or zero. */
function items(n: number, dim: number, seed: number) {
  const rand = gaussian(seed);
  const out: { id: number; v: Float32Array | null }[] = [];
  let base = Float32Array.from({ length: dim }, rand);
  for (let i = 0; i < n; i++) {
    if (i % 4 === 0) base = Float32Array.from({ length: dim }, rand);
    const spread = [0.05, 0.1, 0.3, 0.02][i % 4];
    const v = i % 97 === 5 ? null : i % 89 === 7 ? new Float32Array(dim) : Float32Array.from(base, (x) => (x + spread * rand()) * (1 + (i % 3)));
    out.push({ id: i, v });
  }
  return out;
}

const summary = (groups: { item: { id: number }; index: number; duplicates: number }[]) => groups.map((g) => [g.item.id, g.index, g.duplicates]);

describe('foldDuplicates', () => {
  it('makes the same groups as collapseDuplicates, fed at once or in uneven rounds', async () => {
    for (const dim of [8, 64]) {
      const all = items(700, dim, dim);
      const want = summary(collapseDuplicates(all, (i) => i.v));
      expect(want.length).toBeGreaterThan(200);
      expect(want.filter((g) => g[2] > 0).length).toBeGreaterThan(50);
      const once = foldDuplicates<(typeof all)[number]>((i) => i.v);
      expect(await once.add(all)).toBe(700);
      expect(summary(once.groups)).toEqual(want);
      const rounds = foldDuplicates<(typeof all)[number]>((i) => i.v);
      for (const [s, e] of [[0, 3], [3, 300], [300, 301], [301, 700]]) await rounds.add(all.slice(s, e));
      expect(summary(rounds.groups)).toEqual(want);
    }
  });

  it('stops taking items once it has stopAt groups', async () => {
    const all = items(600, 16, 3);
    const folder = foldDuplicates<(typeof all)[number]>((i) => i.v, { stopAt: 40 });
    const taken = await folder.add(all);
    expect(folder.groups).toHaveLength(40);
    expect(taken).toBeLessThan(600);
    expect(summary(folder.groups)).toEqual(summary(collapseDuplicates(all.slice(0, taken), (i) => i.v)));
    expect(await folder.add(all.slice(taken))).toBe(0);
  });
});
