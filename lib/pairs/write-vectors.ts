// Writing CLIP vectors into pairs, for lib/embeddings (which finds the pairs lacking them and encodes them).
import type { Queryable } from '../db/client';
import { vectorText } from '../db/pgvector';

/** The two vector columns of pairs: the caption's embedding and the image's. */
export type VectorColumn = 'txt_emb' | 'img_emb';

/** Writes vectors only where none is stored yet, so two runs at once never overwrite each other. */
export async function writeVectors(q: Queryable, column: VectorColumn, ids: number[], vectors: Float32Array[]): Promise<number> {
  const rows = await q.query(
    `UPDATE pairs SET ${column} = t.v::halfvec FROM unnest($1::bigint[], $2::text[]) AS t(id, v)
      WHERE pairs.id = t.id AND pairs.${column} IS NULL RETURNING 1`,
    [ids, vectors.map((v) => vectorText(v))],
  );
  return rows.length;
}
