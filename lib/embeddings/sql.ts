// The embeddings concept's SQL: which pairs still lack a vector (lib/pairs writes them back, lib/datasets records the
// encoder).
import type { Queryable } from '../db/client';

export type Missing = { column: 'txt_emb'; source: 'caption' } | { column: 'img_emb'; source: 'image_path' };

export const MISSING_TEXT: Missing = { column: 'txt_emb', source: 'caption' };
export const MISSING_IMAGE: Missing = { column: 'img_emb', source: 'image_path' };

export async function countMissing(q: Queryable, datasetId: number, m: Missing): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pairs WHERE dataset_id = $1 AND ${m.column} IS NULL AND ${m.source} IS NOT NULL`,
    [datasetId],
  );
  return row.n;
}

/** The next pairs after `afterId` that lack the vector, in id order (keyset: a re-run resumes, never rereads). */
export async function findMissing(q: Queryable, datasetId: number, m: Missing, afterId: number, limit: number): Promise<{ id: number; input: string }[]> {
  return q.query(
    `SELECT id, ${m.source} AS input FROM pairs
      WHERE dataset_id = $1 AND ${m.column} IS NULL AND ${m.source} IS NOT NULL AND id > $2
      ORDER BY id LIMIT $3`,
    [datasetId, afterId, limit],
  );
}
