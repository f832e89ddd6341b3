// Brings the hiding rule's hidden_urls in step with the csam_suspected flags of these pairs, for a caller that wrote
// flags without this concept's writers (a restore puts flags back as they were, decisions included).
import type { Queryable } from '../db/client';
import { refreshHiddenUrls } from './sql';

export async function syncHiddenUrls(tx: Queryable, pairIds: number[]): Promise<void> {
  // In slices: a restore may hand over many thousands of pairs, and each refresh binds their ids and URLs.
  for (let i = 0; i < pairIds.length; i += 10_000) await refreshHiddenUrls(tx, pairIds.slice(i, i + 10_000));
}
