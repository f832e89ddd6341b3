// SQL of a pair's relations: its exact duplicates (URL, LAION hash), its group's rows, and the vector indexes that
// its neighbour and near-duplicate searches need. Rows are read through visibleColumns, like every read of pairs.
import type { Queryable } from '../db/client';
import { visibleColumns, type PairRow } from '../pairs/sql';

export interface ExactDuplicateRow {
  id: number;
  by_url: boolean;
  by_hash: boolean;
}

/**
 * Pairs of the same dataset that share the pair's URL or LAION hash (pairs_url_idx, pairs_hash_idx). The pair's own
 * URL and hash are compared inside the database, so a hidden pair's URL is never read out; each side stops at `limit`
 * rows (no ORDER BY before it), so a URL that millions of rows share costs no more than the cap.
 */
export async function findExactDuplicates(q: Queryable, id: number, limit: number): Promise<ExactDuplicateRow[]> {
  return q.query<ExactDuplicateRow>(
    `WITH s AS (SELECT id, dataset_id, url, hash FROM shown_pairs WHERE id = $1),
          by_url AS (SELECT p.id FROM shown_pairs p, s WHERE p.url = s.url AND p.dataset_id = s.dataset_id AND p.id <> s.id LIMIT $2),
          by_hash AS (SELECT p.id FROM shown_pairs p, s WHERE p.hash = s.hash AND p.dataset_id = s.dataset_id AND p.id <> s.id LIMIT $2)
     SELECT id, bool_or(u) AS by_url, bool_or(h) AS by_hash
       FROM (SELECT id, true AS u, false AS h FROM by_url UNION ALL SELECT id, false, true FROM by_hash) m
      GROUP BY id ORDER BY id`,
    [id, limit],
  );
}

/** The given pairs through the hiding rule, in no particular order. */
export async function findPairRows(q: Queryable, ids: number[]): Promise<PairRow[]> {
  if (ids.length === 0) return [];
  return q.query<PairRow>(`SELECT ${visibleColumns} FROM shown_pairs p WHERE p.id = ANY($1::bigint[])`, [ids]);
}

/** Which of the named indexes exist: a vector search without its HNSW index would scan the whole dataset. */
export async function findExistingIndexes(q: Queryable, names: string[]): Promise<Set<string>> {
  const rows = await q.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE indexname = ANY($1)', [names]);
  return new Set(rows.map((r) => r.indexname));
}
