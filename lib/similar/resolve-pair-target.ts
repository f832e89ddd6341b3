// Which pairs a bulk action covers, for flags and exports alike: given pairs, a pair's duplicate group, or every
// match of a search (its exact top k when ranked), as a count and resumable id batches.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import type { DatasetRecord } from '../datasets/schemas';
import { openMatches, reopenMatches, type Matches } from '../search/open-matches';
import type { MatchQuery, PlannedSearch, SearchMode } from '../search/schemas';
import { findDuplicateIds } from './find-duplicate-ids';

/** The target parsed by its concept's schema; a domain or a whole dataset is a filter-only search. */
export type PairTarget =
  | { kind: 'pairs'; pairIds: number[] }
  | { kind: 'duplicates'; pairId: number }
  | { kind: 'search'; query: MatchQuery; k?: number };

export interface PairSet {
  /** The searched dataset; null for given pairs and a duplicate group. */
  dataset: DatasetRecord | null;
  mode?: SearchMode;
  k?: number | null;
  notices: string[];
  /** A search's plan (dataset, query vector, filters): what a job over the target carries, to run it as planned. */
  planned?: PlannedSearch;
  /** For an unranked search: its condition, so a caller can read the matches in id order in one pass. */
  scan?: Matches['scan'];
  count(): Promise<number>;
  /** Id batches from `position`; each says the position to resume from after it. */
  batches(position: number, size: number): AsyncGenerator<{ ids: number[]; position: number }>;
}

function fixedIds(ids: number[]): PairSet {
  const unique = [...new Set(ids)];
  return {
    dataset: null,
    notices: [],
    count: async () => unique.length,
    async *batches(done, size) {
      for (let i = done; i < unique.length; i += size) yield { ids: unique.slice(i, i + size), position: Math.min(i + size, unique.length) };
    },
  };
}

/** With `planned` (a job's payload), a search runs as its request planned it: nothing is planned or encoded again. */
export async function resolvePairTarget(db: Db, target: PairTarget, planned?: PlannedSearch): Promise<PairSet> {
  switch (target.kind) {
    case 'pairs': {
      const found = await db.query<{ id: number }>('SELECT id FROM shown_pairs WHERE id = ANY($1::bigint[]) ORDER BY id', [target.pairIds]);
      if (found.length === 0) throw new AppError('not_found', 'none of these pairs exists');
      return fixedIds(found.map((r) => r.id));
    }
    case 'duplicates':
      return fixedIds(await findDuplicateIds(db, target.pairId));
    case 'search': {
      const matches = planned ? await reopenMatches(planned, db) : await openMatches(target.query, { k: target.k }, db);
      return {
        dataset: matches.dataset,
        mode: matches.mode,
        k: matches.k,
        notices: matches.notices,
        planned: matches.planned,
        scan: matches.scan,
        count: () => matches.count(),
        batches: (p, s) => matches.batches(p, s),
      };
    }
  }
}
