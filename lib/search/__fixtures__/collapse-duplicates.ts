// Test reference for near-duplicate folding: the greedy rule one pair of vectors at a time, which foldDuplicates
// (lib/search/fold-duplicates.ts) must match block by block.
import type { Group } from '../fold-duplicates';
import { DUPLICATE_COSINE } from '../schemas';

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return na > 0 && nb > 0 ? dot / Math.sqrt(na * nb) : 0;
}

/**
 * Greedy in ranking order: an item joins the first earlier representative it is at least `threshold`
 * similar to, else it becomes a representative. Items without a vector are never grouped.
 */
export function collapseDuplicates<T>(items: T[], vectorOf: (item: T) => Float32Array | null, threshold = DUPLICATE_COSINE): Group<T>[] {
  const groups: (Group<T> & { vector: Float32Array | null })[] = [];
  items.forEach((item, index) => {
    const vector = vectorOf(item);
    const home = vector ? groups.find((g) => g.vector && cosine(g.vector, vector) >= threshold) : undefined;
    if (home) home.duplicates++;
    else groups.push({ item, index, duplicates: 0, vector });
  });
  return groups.map(({ item, index, duplicates }) => ({ item, index, duplicates }));
}
