// The aggregates of a dataset's overview, its exact duplicates and its near-duplicate sample.
import type { Queryable } from '../db/client';
import { SqlParams } from '../db/sql-params';
import { HISTOGRAM_COLUMNS, INTEGER_COLUMNS, type CategoryKind, type HistogramColumn } from './overview-schemas';

// ── The dataset overview's aggregates. Each reads the dataset's pairs in at most one scan, grouped, never a subquery
// per row; a result that is ranked after grouping is grouped in a MATERIALIZED CTE first, which Citus runs on the
// shards and ranks on the coordinator (its window functions would otherwise need the shard column).

export interface ColumnRange { min: number | null; max: number | null; n: number }

export interface OverviewCounts {
  pairs: number;
  withImg: number;
  withTxt: number;
  ranges: Record<HistogramColumn, ColumnRange>;
}

/** Pairs, vectors present, and each histogram column's smallest and largest value and how many pairs have it. */
export async function selectOverviewCounts(q: Queryable, datasetId: number): Promise<OverviewCounts> {
  const columns = HISTOGRAM_COLUMNS.map((c) => `min(${c})::float8 AS ${c}_min, max(${c})::float8 AS ${c}_max, count(${c})::int AS ${c}_n`);
  // count(column) reads only the null bitmap: the vectors are never detoasted.
  const [row] = await q.query<Record<string, number | null>>(
    `SELECT count(*)::int AS pairs, count(img_emb)::int AS with_img, count(txt_emb)::int AS with_txt, ${columns.join(', ')}
       FROM shown_pairs WHERE dataset_id = $1`,
    [datasetId],
  );
  const ranges = Object.fromEntries(HISTOGRAM_COLUMNS.map((c) => [c, { min: row[`${c}_min`], max: row[`${c}_max`], n: row[`${c}_n`] ?? 0 }]));
  return { pairs: row.pairs ?? 0, withImg: row.with_img ?? 0, withTxt: row.with_txt ?? 0, ranges: ranges as Record<HistogramColumn, ColumnRange> };
}

/** A histogram row's key: the column's place in HISTOGRAM_COLUMNS times this, plus the bucket (far fewer than this). */
const KEY_STRIDE = 1000;

/**
 * How many pairs fall in each bar of each column (width_bucket over the column's edges: bucket k is
 * [edges[k-1], edges[k]), one past the last is the largest value itself). One scan: unnest turns each row into one
 * key per column (column and bucket in one integer), and one hash aggregate counts them all; a third faster than a
 * join to VALUES per row, and Citus runs it on the shards. The edges take the column's own type, so a score is
 * compared as the search filter compares it (a real 0.7 is below the double 0.7, not below the real one).
 */
export async function selectHistogramCounts(
  q: Queryable,
  datasetId: number,
  edges: Partial<Record<HistogramColumn, number[]>>,
): Promise<{ column: HistogramColumn; bucket: number; n: number }[]> {
  const params = new SqlParams([datasetId]);
  // Column names come from HISTOGRAM_COLUMNS, never from the caller's keys.
  const drawn = HISTOGRAM_COLUMNS.filter((c) => edges[c]?.length);
  if (drawn.length === 0) return [];
  const keys = drawn.map((c, i) => `${i * KEY_STRIDE} + width_bucket(p.${c}, ${params.add(edges[c])}::${INTEGER_COLUMNS.has(c) ? 'int' : 'real'}[])`);
  const rows = await q.query<{ key: number; n: number }>(
    `SELECT key, count(*)::int AS n FROM (SELECT unnest(ARRAY[${keys.join(', ')}]) AS key FROM shown_pairs p WHERE p.dataset_id = $1) s
      WHERE key IS NOT NULL GROUP BY key`,
    params.values,
  );
  return rows.map((r) => ({ column: drawn[Math.floor(r.key / KEY_STRIDE)], bucket: r.key % KEY_STRIDE, n: r.n }));
}

export interface CategoryRow { kind: CategoryKind; value: string | null; n: number; distinct_values: number }

/**
 * The most frequent domains, languages and licences (the last two lowercased, as the search filter compares them; a
 * missing value as null), and how many distinct ones of each there are. One scan, each row unnested into its three
 * values (two unnests side by side pair up), of the pairs the hiding rule shows.
 */
export async function selectTopValues(q: Queryable, datasetId: number, limit: number): Promise<CategoryRow[]> {
  return q.query<CategoryRow>(
    `WITH g AS MATERIALIZED (
       SELECT kind, value, count(*)::int AS n FROM (
         SELECT unnest(ARRAY['domain', 'language', 'license']) AS kind, unnest(ARRAY[p.domain, lower(p.language), lower(p.license)]) AS value
           FROM shown_pairs p WHERE p.dataset_id = $1) s
        GROUP BY kind, value)
     SELECT kind, value, n, distinct_values FROM (
       SELECT kind, value, n, count(value) OVER (PARTITION BY kind)::int AS distinct_values,
              row_number() OVER (PARTITION BY kind ORDER BY n DESC, value) AS rank FROM g) r
      WHERE rank <= $2 ORDER BY kind, rank`,
    [datasetId, limit],
  );
}

export interface DuplicateGroupRow { kind: 'url' | 'hash'; n: number; pair_id: number; groups: number; pairs: number }

/**
 * Values (URL, LAION hash) shared by more than one pair of the dataset: per kind the groups and the pairs in them
 * (on every row), and the `limit` largest groups each with its first pair. One scan, each row unnested into its URL
 * and its hash; only the pair ids leave the database, never a URL.
 */
export async function selectExactDuplicates(q: Queryable, datasetId: number, limit: number): Promise<DuplicateGroupRow[]> {
  return q.query<DuplicateGroupRow>(
    `WITH g AS MATERIALIZED (
       SELECT kind, count(*)::int AS n, min(id) AS pair_id FROM (
         SELECT p.id, unnest(ARRAY['url', 'hash']) AS kind, unnest(ARRAY[p.url, p.hash]) AS key FROM shown_pairs p WHERE p.dataset_id = $1) s
        WHERE key IS NOT NULL GROUP BY kind, key HAVING count(*) > 1)
     SELECT kind, n, pair_id, groups, pairs FROM (
       SELECT kind, n, pair_id, count(*) OVER (PARTITION BY kind)::int AS groups, sum(n) OVER (PARTITION BY kind)::int AS pairs,
              row_number() OVER (PARTITION BY kind ORDER BY n DESC, pair_id) AS rank FROM g) r
      WHERE rank <= $2 ORDER BY kind, rank`,
    [datasetId, limit],
  );
}

/** The dataset's ingest history: the latest shards, and how many there are with how many rows in all. */
export async function selectIngestHistory(q: Queryable, datasetId: number, limit: number) {
  const recent = await q.query<{ source_file: string; rows: number; completed_at: Date }>(
    'SELECT source_file, rows, completed_at FROM ingest_shards WHERE dataset_id = $1 ORDER BY completed_at DESC, source_file DESC LIMIT $2',
    [datasetId, limit],
  );
  const [total] = await q.query<{ shards: number; rows: number }>(
    'SELECT count(*)::int AS shards, coalesce(sum(rows), 0)::int AS rows FROM ingest_shards WHERE dataset_id = $1',
    [datasetId],
  );
  return { shards: total.shards, rows: total.rows, recent: recent.map((r) => ({ sourceFile: r.source_file, rows: r.rows, completedAt: r.completed_at.toISOString() })) };
}

/** The dataset's smallest and largest pair id, from its (dataset_id, id) index. */
export async function selectIdRange(q: Queryable, datasetId: number): Promise<{ min: number | null; max: number | null }> {
  const [r] = await q.query<{ min: number | null; max: number | null }>('SELECT min(id) AS min, max(id) AS max FROM shown_pairs WHERE dataset_id = $1', [datasetId]);
  return r;
}

/** Pairs with an image embedding among the given ids (the near-duplicate sample), with their vectors, by primary key. */
export async function selectImageVectors(q: Queryable, datasetId: number, ids: number[]): Promise<{ id: number; img_emb: string }[]> {
  return q.query<{ id: number; img_emb: string }>(
    'SELECT id, img_emb::text AS img_emb FROM shown_pairs WHERE dataset_id = $1 AND id = ANY($2::bigint[]) AND img_emb IS NOT NULL ORDER BY id',
    [datasetId, ids],
  );
}
