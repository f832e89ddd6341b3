// The embeddings concept's SQL: which pairs still lack a vector, and writing vectors back in batches.
import type { Queryable } from '../db/client';
import { vectorText } from '../db/pgvector';

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

/** Writes vectors only where none is stored yet, so two runs at once never overwrite each other. */
export async function writeVectors(q: Queryable, m: Missing, ids: number[], vectors: Float32Array[]): Promise<number> {
  const rows = await q.query(
    `UPDATE pairs SET ${m.column} = t.v::halfvec FROM unnest($1::bigint[], $2::text[]) AS t(id, v)
      WHERE pairs.id = t.id AND pairs.${m.column} IS NULL RETURNING 1`,
    [ids, vectors.map((v) => vectorText(v))],
  );
  return rows.length;
}

/** Records the encoder on a dataset that has no vectors yet; returns the dataset's dimension afterwards. */
export async function claimDimension(q: Queryable, datasetId: number, model: string, dim: number): Promise<number> {
  await q.query('UPDATE datasets SET model = $2, dim = $3 WHERE id = $1 AND dim IS NULL', [datasetId, model, dim]);
  const [row] = await q.query<{ dim: number }>('SELECT dim FROM datasets WHERE id = $1', [datasetId]);
  return row.dim;
}
