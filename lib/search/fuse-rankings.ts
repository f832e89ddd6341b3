// Reciprocal rank fusion: merges ranked lists (semantic, keyword) into one ranking without comparing their scores.

/**
 * RRF's constant from Cormack et al. (2009): it damps the head of each list so that an item ranked well
 * by both lists beats one ranked first by only one. 60 is the value the paper and most engines use.
 */
export const RRF_K = 60;

export interface Fused<T> {
  item: T;
  score: number;
}

/** Items are matched by key; each list contributes 1 / (k + rank) for every item it ranks (rank from 1). */
export function fuseRankings<T>(lists: T[][], key: (item: T) => number | string, k = RRF_K): Fused<T>[] {
  const fused = new Map<number | string, Fused<T>>();
  for (const list of lists) {
    list.forEach((item, index) => {
      const id = key(item);
      const entry = fused.get(id) ?? { item, score: 0 };
      entry.score += 1 / (k + index + 1);
      fused.set(id, entry);
    });
  }
  // Ties (same ranks in mirrored lists) break on the key, so pages are stable.
  return [...fused.entries()]
    .sort(([ka, a], [kb, b]) => b.score - a.score || (ka < kb ? -1 : ka > kb ? 1 : 0))
    .map(([, entry]) => entry);
}
