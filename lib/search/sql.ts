// The search concept's SQL: nearest neighbours (HNSW), full-text rank and filter-only listing, each keyset-paged.
import type { Queryable } from '../db/client';
import { vectorText } from '../db/pgvector';
import type { SqlParams } from '../db/sql-params';
import { embeddingExpr, type EmbeddingColumn } from '../datasets/vector-index';
import { visibleColumns, type PairRow } from '../pairs/sql';
import type { CursorKey } from './cursor';

/**
 * Candidates the HNSW graph keeps (hnsw.ef_search) for a top k over a graph of `rows`: twice k, and one per thousand
 * rows, at least 100 and at most pgvector's 1,000 (past that the iterative scan goes on walking the graph). Measured
 * on CLIP-like vectors (bench/recall-sweep.ts; m = 16, ef_construction = 128): at 100 k rows ef 100 gives recall@10
 * 0.988; at 1 M rows ef 100 gives 0.90, 400 gives 0.956 and 1,000 gives 0.979 (k = 100 the same), so the graph's size,
 * more than k, decides what ef keeps recall near 0.98 (docs/performance.md). On Citus `rows` is the dataset's, more
 * than one shard's graph holds: it errs towards recall.
 */
export const efSearchFor = (k: number, rows = 0) => Math.min(EF_MAX, Math.max(100, 2 * k, Math.ceil(rows / 1000)));

/** pgvector's ceiling for hnsw.ef_search. */
const EF_MAX = 1000;

/**
 * Rows read per hit wanted. Past k = 500 ef_search can no longer be twice k, and the best k of a walk that keeps only
 * k candidates misses some (recall@1000 0.91 at 100 k rows): the scan then reads twice k rows in relaxed order, the
 * iterative scan walking on past the first 1,000 candidates, and the best k of them are kept, sorted exactly.
 */
export const overFetchFor = (k: number) => (2 * k > EF_MAX ? 2 : 1);
/**
 * pgvector 0.8 iterative index scans: when filters drop most candidates the scan goes on walking the graph instead of
 * returning fewer than LIMIT rows. strict_order keeps hits sorted by distance, which the keyset cursor needs; an
 * over-fetching deep k sorts its rows itself, so it takes relaxed_order, which finds more of the true neighbours.
 */
export const iterativeScanFor = (k: number) => (overFetchFor(k) > 1 ? 'relaxed_order' : 'strict_order');
/** Upper bound of tuples one iterative scan visits (pgvector's default is 20,000): 50,000, or 20 per hit for a deep k. */
export const maxScanTuplesFor = (k: number) => Math.max(50_000, 20 * k);

/** The settings of one nearest-neighbour query, as the statement that opens its transaction sends them. */
export const nearestSettings = (k: number, rows = 0) =>
  `SET LOCAL hnsw.ef_search = ${efSearchFor(k, rows)}; SET LOCAL hnsw.iterative_scan = ${iterativeScanFor(k)}; SET LOCAL hnsw.max_scan_tuples = ${maxScanTuplesFor(k)}`;

export interface HitRow extends PairRow {
  score: number | null;
  /** The ranked modality's vector in halfvec's binary form, only when the caller asked for vectors (dedupe). */
  vector: Uint8Array | null;
  key: CursorKey;
}

export interface Scope {
  /** Inlined as a literal (never user text): the partial HNSW index's predicate must be provable. */
  datasetId: number;
  where: string[];
  params: SqlParams;
  /** Also select this column's vector for each hit. */
  vectorColumn?: EmbeddingColumn;
  /** The transaction was opened with nearestSettings(k) for at least this k (one round trip fewer). */
  settingsFor?: number;
  /** The rows the dataset's HNSW graph holds (DatasetRecord.rows): a bigger graph needs a deeper search. */
  graphRows?: number;
}

const whereOf = (scope: Scope, extra: string[]) => [`p.dataset_id = ${Math.trunc(scope.datasetId)}`, ...scope.where, ...extra].join(' AND ');
const vectorSelect = (scope: Scope) => (scope.vectorColumn ? `, halfvec_send(p.${scope.vectorColumn}) AS vector` : ', NULL AS vector');

/** Nearest pairs by cosine distance, after `after`; `q` must be a transaction (the settings are SET LOCAL). */
export async function findNearest(
  q: Queryable,
  scope: Scope,
  o: { column: EmbeddingColumn; dim: number; vector: Float32Array; after: CursorKey | null; limit: number },
): Promise<HitRow[]> {
  // One round trip for the three settings: a statement without parameters may hold several commands.
  if (!scope.settingsFor || scope.settingsFor < o.limit) await q.query(nearestSettings(o.limit, scope.graphRows));
  const params = scope.params.clone();
  const distance = `${embeddingExpr(o.column, o.dim)} <=> ${params.add(vectorText(o.vector))}::halfvec(${o.dim})`;
  const extra = [`p.${o.column} IS NOT NULL`];
  if (o.after?.kind === 'distance') extra.push(`(${distance}, p.id) > (${params.add(o.after.value)}::float8, ${params.add(o.after.id)}::bigint)`);
  // The index yields rows by distance only; hits that tie with the last one may be cut anywhere, so the
  // window grows until the tie is whole, then (distance, id) orders it exactly for the cursor.
  for (let window = o.limit; ; window *= 2) {
    const fetch = window * overFetchFor(o.limit);
    const sql = `SELECT ${visibleColumns}, ${distance} AS distance ${vectorSelect(scope)}
                   FROM shown_pairs p WHERE ${whereOf(scope, extra)} ORDER BY ${distance} LIMIT ${fetch + 1}`;
    const rows = (await q.query<PairRow & { distance: number; vector: Uint8Array | null }>(sql, params.values)).sort((a, b) => a.distance - b.distance || a.id - b.id);
    const cut = rows.length > fetch && rows[fetch].distance === rows[window - 1].distance;
    if (cut && window < 100_000) continue;
    return rows
      .slice(0, o.limit)
      .map((r) => ({ ...r, score: 1 - r.distance, key: { kind: 'distance', value: r.distance, id: r.id } }));
  }
}

/** Full-text matches of `keyword` over captions, best rank first. */
export async function findByKeyword(q: Queryable, scope: Scope, o: { keyword: string; after: CursorKey | null; limit: number }): Promise<HitRow[]> {
  const params = scope.params.clone();
  const query = `websearch_to_tsquery('simple', ${params.add(o.keyword)})`;
  const rank = `ts_rank_cd(p.caption_tsv, ${query})`;
  const extra = [`p.caption_tsv @@ ${query}`];
  if (o.after?.kind === 'rank') {
    const r = params.add(o.after.value);
    extra.push(`(${rank} < ${r}::real OR (${rank} = ${r}::real AND p.id > ${params.add(o.after.id)}::bigint))`);
  }
  const rows = await q.query<PairRow & { rank: number; vector: Uint8Array | null }>(
    `SELECT ${visibleColumns}, ${rank} AS rank ${vectorSelect(scope)}
       FROM shown_pairs p WHERE ${whereOf(scope, extra)} ORDER BY rank DESC, p.id LIMIT ${o.limit}`,
    params.values,
  );
  return rows.map((r) => ({ ...r, score: r.rank, key: { kind: 'rank', value: r.rank, id: r.id } }));
}

/** The pairs that pass the filters, in ingest order. */
export async function findFiltered(q: Queryable, scope: Scope, o: { after: CursorKey | null; limit: number }): Promise<HitRow[]> {
  const params = scope.params.clone();
  const extra = o.after?.kind === 'id' ? [`p.id > ${params.add(o.after.id)}::bigint`] : [];
  const rows = await q.query<PairRow & { vector: Uint8Array | null }>(
    `SELECT ${visibleColumns} ${vectorSelect(scope)} FROM shown_pairs p WHERE ${whereOf(scope, extra)} ORDER BY p.id LIMIT ${o.limit}`,
    params.values,
  );
  return rows.map((r) => ({ ...r, score: null, key: { kind: 'id', id: r.id } }));
}

export interface PairVectors {
  id: number;
  dataset_id: number;
  img_emb: string | null;
  txt_emb: string | null;
}

/** A pair's stored vectors ("more like this"), or undefined when it does not exist. */
export async function getPairVectors(q: Queryable, id: number): Promise<PairVectors | undefined> {
  const [row] = await q.query<PairVectors>('SELECT id, dataset_id, img_emb::text AS img_emb, txt_emb::text AS txt_emb FROM shown_pairs WHERE id = $1', [id]);
  return row;
}

/**
 * Ids of the exact top `k` by cosine distance (no index: the expression differs from the partial index's on purpose,
 * so a deep k is exact rather than bounded by an index scan's tuple budget). For bulk work, not for pages.
 */
export async function selectTopIds(q: Queryable, scope: Scope, o: { column: EmbeddingColumn; vector: Float32Array; k: number }): Promise<number[]> {
  const params = scope.params.clone();
  const distance = `(p.${o.column} <=> ${params.add(vectorText(o.vector))}::halfvec)`;
  const rows = await q.query<{ id: number }>(
    `SELECT p.id FROM shown_pairs p WHERE ${whereOf(scope, [`p.${o.column} IS NOT NULL`])} ORDER BY ${distance}, p.id LIMIT ${Math.trunc(o.k)}`,
    params.values,
  );
  return rows.map((r) => r.id);
}

/** Ids of the top `k` full-text matches, best rank first. */
export async function selectTopKeywordIds(q: Queryable, scope: Scope, o: { keyword: string; k: number }): Promise<number[]> {
  const params = scope.params.clone();
  const query = `websearch_to_tsquery('simple', ${params.add(o.keyword)})`;
  const rows = await q.query<{ id: number }>(
    `SELECT p.id FROM shown_pairs p WHERE ${whereOf(scope, [`p.caption_tsv @@ ${query}`])} ORDER BY ts_rank_cd(p.caption_tsv, ${query}) DESC, p.id LIMIT ${Math.trunc(o.k)}`,
    params.values,
  );
  return rows.map((r) => r.id);
}

const keywordClause = (params: SqlParams, keyword?: string) => (keyword ? [`p.caption_tsv @@ websearch_to_tsquery('simple', ${params.add(keyword)})`] : []);

/** How many pairs pass the filters (and match the keyword, when given). */
export async function countMatching(q: Queryable, scope: Scope, keyword?: string): Promise<number> {
  const params = scope.params.clone();
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM shown_pairs p WHERE ${whereOf(scope, keywordClause(params, keyword))}`, params.values);
  return row.n;
}

/** The next `limit` ids after `afterId` that pass the filters (and match the keyword), in id order: a resumable walk. */
export async function selectMatchingIdsAfter(q: Queryable, scope: Scope, o: { keyword?: string; afterId: number; limit: number }): Promise<number[]> {
  const params = scope.params.clone();
  const extra = [...keywordClause(params, o.keyword), `p.id > ${params.add(o.afterId)}::bigint`];
  const rows = await q.query<{ id: number }>(`SELECT p.id FROM shown_pairs p WHERE ${whereOf(scope, extra)} ORDER BY p.id LIMIT ${Math.trunc(o.limit)}`, params.values);
  return rows.map((r) => r.id);
}

/**
 * The WHERE of an unranked match (filters, and the keyword when given) with its bound values, for a caller that reads
 * the matching pairs in id order itself (an export scans them in one pass instead of looking each id up).
 */
export function matchCondition(scope: Scope, keyword?: string): { sql: string; params: SqlParams } {
  const params = scope.params.clone();
  return { sql: whereOf(scope, keywordClause(params, keyword)), params };
}
