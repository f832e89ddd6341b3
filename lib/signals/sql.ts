// The signals concept's SQL: which pairs still lack LAION's scores, and writing them back in batches.
import type { Queryable } from '../db/client';
import { parseVectorText } from '../db/pgvector';
import type { PairSignals } from './schemas';

/**
 * A pair lacks its signals while it has an image embedding and no violence score: violence is computed for every
 * pair of a LAION dimension, so it doubles as the "done" marker, and the partial index pairs_signals_todo_idx
 * (migration 0009) holds exactly these pairs, which makes a finished dataset's re-run one empty index scan.
 */
const TODO = 'dataset_id = $1 AND violence IS NULL AND img_emb IS NOT NULL';

export async function countPairsWithoutSignals(q: Queryable, datasetId: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM pairs WHERE ${TODO}`, [datasetId]);
  return row.n;
}

export interface PairToScore {
  id: number;
  embedding: Float32Array;
  /** Whether the source gave none, so LAION's score will be filled in. */
  needsAesthetic: boolean;
  needsPunsafe: boolean;
}

/** The next pairs after `afterId` that lack signals, in id order (keyset: a re-run resumes, never rereads). */
export async function findPairsWithoutSignals(q: Queryable, datasetId: number, afterId: number, limit: number): Promise<PairToScore[]> {
  const rows = await q.query<{ id: number; emb: string; needs_aesthetic: boolean; needs_punsafe: boolean }>(
    `SELECT id, img_emb::text AS emb, aesthetic IS NULL AS needs_aesthetic, punsafe IS NULL AS needs_punsafe FROM pairs
      WHERE ${TODO} AND id > $2 ORDER BY id LIMIT $3`,
    [datasetId, afterId, limit],
  );
  return rows.map((r) => ({ id: Number(r.id), embedding: parseVectorText(r.emb) as Float32Array, needsAesthetic: r.needs_aesthetic, needsPunsafe: r.needs_punsafe }));
}

/**
 * Writes one batch's scores. aesthetic and punsafe only where the source had none (LAION's parquet values stay);
 * violence always. `violence IS NULL` makes two runs at once harmless: the second writes nothing. Returns the ids
 * written.
 */
export async function writeSignals(q: Queryable, signals: PairSignals[]): Promise<Set<number>> {
  const scored = signals.filter((s) => s.violence !== null);
  if (scored.length === 0) return new Set();
  const rows = await q.query<{ id: number }>(
    `UPDATE pairs SET aesthetic = coalesce(pairs.aesthetic, t.aesthetic), punsafe = coalesce(pairs.punsafe, t.punsafe),
            violence = t.violence
       FROM unnest($1::bigint[], $2::real[], $3::real[], $4::real[]) AS t(id, aesthetic, punsafe, violence)
      WHERE pairs.id = t.id AND pairs.violence IS NULL RETURNING pairs.id`,
    [scored.map((s) => s.id), scored.map((s) => s.aesthetic), scored.map((s) => s.punsafe), scored.map((s) => s.violence)],
  );
  return new Set(rows.map((r) => Number(r.id)));
}
