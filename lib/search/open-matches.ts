// Every pair a search matches, for work on all of them at once (bulk flags, exports): a ranked query covers its exact
// top k, a keyword or filter-only query covers all its matches; either way in id batches that a job can resume.
import type { Db } from '../db/client';
import type { DatasetRecord } from '../datasets/schemas';
import { fuseRankings } from './fuse-rankings';
import { prepareSearch } from './prepare-search';
import type { SearchMode, SearchQueryInput } from './schemas';
import type { SqlParams } from '../db/sql-params';
import { countMatching, matchCondition, selectMatchingIdsAfter, selectTopIds, selectTopKeywordIds } from './sql';

/** The most pairs a ranked query can cover at once. */
export const MAX_TOP_K = 100_000;
export const DEFAULT_TOP_K = 1_000;

export interface Matches {
  dataset: DatasetRecord;
  mode: SearchMode;
  /** Semantic and hybrid queries rank, and cover their top `k`; keyword and filter-only queries cover every match. */
  ranked: boolean;
  k: number | null;
  notices: string[];
  /** For an unranked query: its condition, so a caller can read the matches in id order in one pass. */
  scan?: { sql: string; params: SqlParams };
  count(): Promise<number>;
  /**
   * Id batches from `position`: for a ranked query the number of top-k ids already done, otherwise the last id done.
   * Each batch says the position to resume from after it.
   */
  batches(position: number, size: number): AsyncGenerator<{ ids: number[]; position: number }>;
}

export async function openMatches(raw: SearchQueryInput & { image?: Uint8Array }, opts: { k?: number }, db: Db): Promise<Matches> {
  const { dataset, plan, scope } = await prepareSearch({ ...raw, cursor: undefined, dedupe: false }, db);
  const base = { dataset, mode: plan.mode, notices: plan.notices };
  if (plan.mode === 'keyword' || plan.mode === 'filter') {
    return {
      ...base,
      ranked: false,
      k: null,
      scan: matchCondition(scope, plan.keyword),
      count: () => countMatching(db, scope, plan.keyword),
      async *batches(afterId, size) {
        for (let after = afterId; ; ) {
          const ids = await selectMatchingIdsAfter(db, scope, { keyword: plan.keyword, afterId: after, limit: size });
          if (ids.length === 0) return;
          after = ids[ids.length - 1];
          yield { ids, position: after };
        }
      },
    };
  }
  const k = Math.min(opts.k ?? DEFAULT_TOP_K, MAX_TOP_K);
  let top: Promise<number[]> | null = null;
  // Computed once per use and shared by count and batches: an exact top-k over a large dataset is the costly part.
  const topIds = () => (top ??= rankTop(db, plan, scope, k));
  return {
    ...base,
    ranked: true,
    k,
    count: async () => (await topIds()).length,
    async *batches(done, size) {
      const ids = await topIds();
      for (let i = done; i < ids.length; i += size) yield { ids: ids.slice(i, i + size), position: Math.min(i + size, ids.length) };
    },
  };
}

async function rankTop(db: Db, plan: Awaited<ReturnType<typeof prepareSearch>>['plan'], scope: Awaited<ReturnType<typeof prepareSearch>>['scope'], k: number): Promise<number[]> {
  const semantic = await selectTopIds(db, scope, { column: plan.column, vector: plan.vector!, k });
  if (plan.mode !== 'hybrid') return semantic;
  const lexical = await selectTopKeywordIds(db, scope, { keyword: plan.keyword!, k });
  return fuseRankings([semantic, lexical], (id) => id).slice(0, k).map((f) => f.item);
}
