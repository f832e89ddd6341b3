// Brings the hiding rule in step with the csam_suspected flags of these pairs, for a caller that wrote flags without
// this concept's writers (a restore puts flags back as they were, decisions included).
import type { Queryable } from '../db/client';
import { refreshHiding } from '../pairs/refresh-hiding';

export async function syncHiding(tx: Queryable, pairIds: number[]): Promise<void> {
  // In slices: a restore may hand over many thousands of pairs, and each refresh binds their ids.
  for (let i = 0; i < pairIds.length; i += 10_000) await refreshHiding(tx, pairIds.slice(i, i + 10_000));
}
