// Every pair a search matches, for work on all of them at once (bulk flags, exports): a ranked query covers its exact
// top k, a keyword or filter-only query covers all its matches; either way in id batches that a job can resume.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { resolveDataset } from '../datasets/resolve-dataset';
import type { DatasetRecord } from '../datasets/schemas';
import { fuseRankings } from './fuse-rankings';
import type { QueryPlan } from './plan-query';
import { prepareSearch, scopeOf } from './prepare-search';
import { DEFAULT_FLAG_STATE, DEFAULT_LIMIT, DEFAULT_MODALITY, DEFAULT_TOP_K, MAX_TOP_K, SearchFilters, type MatchQuery, type PlannedSearch, type SearchInput, type SearchMode } from './schemas';
import type { SqlParams } from '../db/sql-params';
import { countMatching, matchCondition, selectMatchingIdsAfter, selectTopIds, selectTopKeywordIds, type Scope } from './sql';

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
  /** The search as planned, for a job to run again with reopenMatches: no planning, no encoding. */
  planned: PlannedSearch;
}

/** `query` is parsed (by the request's edge); the search is planned here, its text or image encoded here. */
export async function openMatches(query: MatchQuery, opts: { k?: number }, db: Db): Promise<Matches> {
  const input: SearchInput = {
    ...query,
    flagState: query.flagState ?? DEFAULT_FLAG_STATE,
    modality: query.modality ?? DEFAULT_MODALITY,
    limit: DEFAULT_LIMIT,
    cursor: undefined,
    dedupe: false,
  };
  const { dataset, plan, scope } = await prepareSearch(input, db);
  const k = plan.mode === 'keyword' || plan.mode === 'filter' ? null : Math.min(opts.k ?? DEFAULT_TOP_K, MAX_TOP_K);
  const filters = Object.fromEntries(Object.keys(SearchFilters.shape).flatMap((key) => {
    const value = input[key as keyof SearchFilters];
    return value === undefined ? [] : [[key, value]];
  })) as SearchFilters;
  const planned: PlannedSearch = {
    datasetId: dataset.id,
    mode: plan.mode,
    modality: plan.modality,
    column: plan.column,
    ...(plan.vector ? { vector: Array.from(plan.vector) } : {}),
    ...(plan.keyword === undefined ? {} : { keyword: plan.keyword }),
    filters,
    k,
  };
  return matchesOf(db, { dataset, plan, scope, k, planned });
}

/**
 * The matches of a search a request already planned (a job's payload): the same dataset, query vector and filters, so
 * the same pairs, without planning the search or encoding anything. The plan's notices stay with the request.
 */
export async function reopenMatches(planned: PlannedSearch, db: Db): Promise<Matches> {
  const dataset = await resolveDataset(db, { id: planned.datasetId });
  if (!dataset) throw new AppError('not_found', `dataset ${planned.datasetId} no longer exists`);
  const plan: QueryPlan = {
    mode: planned.mode,
    modality: planned.modality,
    column: planned.column,
    vector: planned.vector && Float32Array.from(planned.vector),
    keyword: planned.keyword,
    notices: [],
  };
  return matchesOf(db, { dataset, plan, scope: scopeOf(dataset, planned.filters, undefined), k: planned.k, planned });
}

function matchesOf(db: Db, m: { dataset: DatasetRecord; plan: QueryPlan; scope: Scope; k: number | null; planned: PlannedSearch }): Matches {
  const { dataset, plan, scope, planned } = m;
  const base = { dataset, mode: plan.mode, notices: plan.notices, planned };
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
  const k = m.k ?? DEFAULT_TOP_K;
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

async function rankTop(db: Db, plan: QueryPlan, scope: Scope, k: number): Promise<number[]> {
  const semantic = await selectTopIds(db, scope, { column: plan.column, vector: plan.vector!, k });
  if (plan.mode !== 'hybrid') return semantic;
  const lexical = await selectTopKeywordIds(db, scope, { keyword: plan.keyword!, k });
  return fuseRankings([semantic, lexical], (id) => id).slice(0, k).map((f) => f.item);
}
