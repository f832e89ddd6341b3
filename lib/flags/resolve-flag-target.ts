// What a flag request covers, as a count and resumable id batches: given pairs, a search re-run by the server, a
// pair's duplicate group, or a domain (and its subdomains) in a dataset. The target arrives parsed (by its edge).
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { findDuplicateIds } from '../similar/find-duplicate-ids';
import { openMatches, reopenMatches } from '../search/open-matches';
import type { MatchQuery, PlannedSearch } from '../search/schemas';
import type { FlagTarget } from './schemas';

export interface ResolvedTarget {
  dataset: string | null;
  mode?: string;
  k?: number | null;
  /** A search's plan (dataset, query vector, filters): what a job flagging the target carries, to run it as planned. */
  planned?: PlannedSearch;
  count(): Promise<number>;
  batches(position: number, size: number): AsyncGenerator<{ ids: number[]; position: number }>;
}

function fixedIds(ids: number[], dataset: string | null = null): ResolvedTarget {
  const unique = [...new Set(ids)];
  return {
    dataset,
    count: async () => unique.length,
    async *batches(done, size) {
      for (let i = done; i < unique.length; i += size) yield { ids: unique.slice(i, i + size), position: Math.min(i + size, unique.length) };
    },
  };
}

/** With `planned` (a job's payload), a search or domain target runs as its request planned it: nothing is encoded. */
export async function resolveFlagTarget(db: Db, target: FlagTarget, planned?: PlannedSearch): Promise<ResolvedTarget> {
  switch (target.kind) {
    case 'pairs': {
      const found = await db.query<{ id: number }>('SELECT id FROM shown_pairs WHERE id = ANY($1::bigint[]) ORDER BY id', [target.pairIds]);
      if (found.length === 0) throw new AppError('not_found', 'none of these pairs exists');
      return fixedIds(found.map((r) => r.id));
    }
    case 'duplicates':
      return fixedIds(await findDuplicateIds(db, target.pairId));
    case 'query':
    case 'domain': {
      // A domain is a filter-only search with every flag state: all its pairs, flagged or not.
      const query: MatchQuery = target.kind === 'query' ? target.query : { dataset: target.dataset, domain: target.domain, flagState: 'any' };
      const matches = planned ? await reopenMatches(planned, db) : await openMatches(query, { k: target.kind === 'query' ? target.k : undefined }, db);
      return {
        dataset: matches.dataset.name,
        mode: matches.mode,
        k: matches.k,
        planned: matches.planned,
        count: () => matches.count(),
        batches: (p, s) => matches.batches(p, s),
      };
    }
  }
}
