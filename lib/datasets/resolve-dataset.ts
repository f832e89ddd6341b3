// The dataset a request means: the one it names, the one a pair belongs to, or else the first one.
import { AppError } from '../errors/app-error';
import type { Queryable } from '../db/client';
import type { DatasetRecord } from './schemas';

// The dataset's vector indexes and size come along in the same round trip: every semantic search needs them. The
// indexes from pg_class by name (half the time of the pg_indexes view: the round trip is a tenth of a small search);
// the size is what ingest committed (ingest_shards), which costs nothing to add up, where counting pairs would scan.
const SELECT = `SELECT d.id, d.name, d.model, d.dim,
  ARRAY(SELECT c.relname::text FROM pg_class c WHERE c.relkind = 'i' AND c.relnamespace = current_schema()::regnamespace
           AND c.relname IN ('pairs_img_emb_hnsw_d' || d.id, 'pairs_txt_emb_hnsw_d' || d.id)) AS "vectorIndexes",
  (SELECT coalesce(sum(s.rows), 0) FROM ingest_shards s WHERE s.dataset_id = d.id)::int AS rows
  FROM datasets d`;

/** A named dataset that does not exist is not_found; null only when there is no dataset at all (or no such id). */
export async function resolveDataset(q: Queryable, by: { name?: string; id?: number } = {}): Promise<DatasetRecord | null> {
  if (by.name !== undefined) {
    const [named] = await q.query<DatasetRecord>(`${SELECT} WHERE d.name = $1`, [by.name], { prepared: 'sieve_dataset_by_name' });
    if (!named) throw new AppError('not_found', `dataset "${by.name}" does not exist`);
    return named;
  }
  const [row] =
    by.id !== undefined
      ? await q.query<DatasetRecord>(`${SELECT} WHERE d.id = $1`, [by.id], { prepared: 'sieve_dataset_by_id' })
      : await q.query<DatasetRecord>(`${SELECT} ORDER BY d.id LIMIT 1`, [], { prepared: 'sieve_dataset_first' });
  return row ?? null;
}
