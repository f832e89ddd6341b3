// Writing LAION's scores into pairs, for lib/signals (which finds the pairs lacking them and computes them).
import type { Queryable } from '../db/client';

/** One pair's scores; violence null means the pair could not be scored and is left as it is. */
export interface PairScores {
  id: number;
  aesthetic: number | null;
  punsafe: number | null;
  violence: number | null;
}

/**
 * Writes one batch's scores. aesthetic and punsafe only where the column is still empty (a source's own values stay,
 * whatever the batch says); violence always. `violence IS NULL` makes two runs at once harmless: the second writes nothing. Returns the ids
 * written.
 */
export async function writeSignals(q: Queryable, signals: PairScores[]): Promise<Set<number>> {
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
