// Scores a shard's rows with LAION's signals on their way to the writer, so they land in the shard's own transaction.
import { computeSignals } from '../signals/compute-signals';
import type { PairRecord } from './types';

/**
 * Fills each row's violence, and its aesthetic and punsafe where the source gave none, from its image embedding
 * (rows without one pass unchanged). Scoring before the write, not in a pass after the load, writes each row once:
 * an UPDATE of freshly loaded rows would rewrite every tuple and add entries to every index of pairs, HNSW included
 * when the dataset already has one. `count.rows` grows by the rows that got signals.
 *
 * `asWritten` is what the writer's encoding leaves of a vector before halfvec rounds it (computeSignals does that
 * part), so a row scores the same now as when `sieve signals` reads it back later.
 */
export async function* addSignals(
  batches: AsyncIterable<PairRecord[]>,
  count: { rows: number },
  asWritten: (v: Float32Array) => Float32Array = (v) => v,
): AsyncGenerator<PairRecord[]> {
  for await (const batch of batches) {
    const withEmb = batch.filter((r): r is PairRecord & { imgEmb: Float32Array } => r.imgEmb !== null);
    const signals = computeSignals(withEmb.map((r, i) => ({ id: i, embedding: asWritten(r.imgEmb), aesthetic: r.aesthetic, punsafe: r.punsafe })));
    withEmb.forEach((r, i) => {
      const s = signals[i];
      if (s.violence === null) return; // a CLIP model LAION has no weights for
      Object.assign(r, { violence: s.violence, aesthetic: s.aesthetic, punsafe: s.punsafe });
      count.rows++;
    });
    yield batch;
  }
}

/**
 * The embedded writer sends vectors as text with six decimals (vectorText in lib/db/pgvector.ts), which the
 * server reads as float4; the binary COPY sends them whole.
 */
export function asSixDecimals(v: Float32Array): Float32Array {
  // A plain loop: Float32Array.prototype.map with a callback is several times slower in V8.
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = Math.round(v[i] * 1e6) / 1e6;
  return out;
}
