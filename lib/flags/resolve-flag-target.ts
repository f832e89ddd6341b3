// What a flag request covers, as a count and resumable id batches: given pairs, a search re-run by the server, a
// pair's duplicate group, or a domain (and its subdomains) in a dataset; resolved as for exports (lib/similar). The
// target arrives parsed (by its edge).
import type { Db } from '../db/client';
import type { PlannedSearch } from '../search/schemas';
import { resolvePairTarget, type PairSet, type PairTarget } from '../similar/resolve-pair-target';
import type { FlagTarget } from './schemas';

export interface ResolvedTarget extends Pick<PairSet, 'mode' | 'k' | 'planned' | 'count' | 'batches'> {
  dataset: string | null;
}

/** With `planned` (a job's payload), a search or domain target runs as its request planned it: nothing is encoded. */
export async function resolveFlagTarget(db: Db, target: FlagTarget, planned?: PlannedSearch): Promise<ResolvedTarget> {
  const set = await resolvePairTarget(db, pairTargetOf(target), planned);
  return { dataset: set.dataset?.name ?? null, mode: set.mode, k: set.k, planned: set.planned, count: () => set.count(), batches: (p, s) => set.batches(p, s) };
}

function pairTargetOf(target: FlagTarget): PairTarget {
  switch (target.kind) {
    case 'pairs':
    case 'duplicates':
      return target;
    case 'query':
      return { kind: 'search', query: target.query, k: target.k };
    case 'domain':
      // A domain is a filter-only search with every flag state: all its pairs, flagged or not.
      return { kind: 'search', query: { dataset: target.dataset, domain: target.domain, flagState: 'any' } };
  }
}
