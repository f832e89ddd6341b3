// Search: request → plan (mode, query vector) → one ranked, filtered, optionally de-duplicated page of hits.
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Db } from '../db/client';
import { parseHalfvecBinary } from '../db/pgvector';
import { toPairSummary } from '../pairs/sql';
import { foldDuplicates } from './fold-duplicates';
import { decodeCursor, encodeCursor, fingerprintQuery, type CursorKey } from './cursor';
import { prepareSearch } from './prepare-search';
import { HYBRID_DEPTH, rankCandidates, type RankFn } from './rank-candidates';
import { MAX_DEDUPE_LIMIT, type SearchHit, type SearchInput, type SearchResponse } from './schemas';
import { nearestSettings, type HitRow } from './sql';

/** With dedupe, candidates read per page: enough that a page of look-alikes still fills with distinct hits. */
const DEDUPE_FANOUT = 4;

/** `request` is the parsed request (the route's, the CLI's: parsed once, there) plus an uploaded image. */
export async function searchPairs(request: SearchInput, db: Db = getDb()): Promise<SearchResponse> {
  const started = performance.now();
  if (request.dedupe && request.limit > MAX_DEDUPE_LIMIT) {
    throw new AppError('bad_request', `limit: with dedupe, a page holds at most ${MAX_DEDUPE_LIMIT} hits; nextCursor gets the next page`);
  }
  const { input, dataset, plan, scope } = await prepareSearch(request, db);
  const params = scope.params;
  const fingerprint = fingerprintQuery([dataset.id, plan.mode, plan.column, plan.vector && Array.from(plan.vector), plan.keyword, scope.where, params.values, input.dedupe]);
  const kind = ({ semantic: 'distance', keyword: 'rank', filter: 'id', hybrid: 'offset' } as const)[plan.mode];
  const after = input.cursor ? decodeCursor(input.cursor, fingerprint, kind) : null;

  // A vector query's settings ride with BEGIN: the nearest search then needs one statement.
  const depth = plan.mode === 'hybrid' ? HYBRID_DEPTH : (input.dedupe ? input.limit * DEDUPE_FANOUT : input.limit) + 1;
  const prelude = plan.vector ? nearestSettings(depth, scope.graphRows) : undefined;
  if (prelude) scope.settingsFor = depth;
  const page = await db.tx((q) => readPage(rankCandidates(q, plan, scope, dataset.dim), after, input.limit, input.dedupe), { prelude });
  return {
    dataset,
    mode: plan.mode,
    modality: plan.modality,
    hits: page.hits,
    nextCursor: page.next ? encodeCursor(fingerprint, page.next) : null,
    tookMs: Math.round(performance.now() - started),
    ...(plan.semantic ? { semantic: plan.semantic } : {}),
    ...(plan.notices.length ? { notice: plan.notices.join(' ') } : {}),
    ...((input.image || input.imageUrl) && plan.vector ? { queryEmbedding: Array.from(plan.vector) } : {}),
  };
}

/**
 * Reads one more candidate than the page needs to know whether another page exists. With dedupe, a page
 * ends before the candidate that would start its (limit+1)-th group, which the next page begins with; the folding
 * runs block by block on the ONNX runtime, so a page of 1,000 never holds the event loop for long.
 */
async function readPage(rank: RankFn, after: CursorKey | null, limit: number, dedupe: boolean): Promise<{ hits: SearchHit[]; next: CursorKey | null }> {
  const want = dedupe ? limit * DEDUPE_FANOUT : limit;
  const rows = await rank(after, want + 1);
  const more = rows.length > want;
  const window = rows.slice(0, want);
  if (!dedupe) return { hits: window.map((r) => toHit(r)), next: more ? window[window.length - 1].key : null };
  // Folding stops at the (limit+1)-th group, so the first `limit` count only the candidates before it.
  const folder = foldDuplicates<HitRow>((r) => parseHalfvecBinary(r.vector), { stopAt: limit + 1 });
  await folder.add(window);
  const groups = folder.groups;
  const hits = groups.slice(0, limit).map((g) => toHit(g.item, g.duplicates));
  if (groups.length <= limit) return { hits, next: more ? window[window.length - 1].key : null };
  return { hits, next: window[groups[limit].index - 1].key };
}

function toHit(r: HitRow, duplicates?: number): SearchHit {
  return { ...toPairSummary(r), score: r.score, ...(duplicates === undefined ? {} : { duplicates }) };
}
