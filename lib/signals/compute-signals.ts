// All of LAION's signals for a batch of image embeddings: the one function ingest and `sieve signals` share.
import { aestheticScore } from './aesthetic-score';
import { isLaionDim } from './laion-model';
import { nsfwScore } from './nsfw-score';
import { roundToHalf } from './round-to-half';
import type { PairSignals } from './schemas';
import { violenceScore } from './violence';
import { vitB32Signals } from './vit-b32-signals';

export interface SignalsInput {
  id: number;
  embedding: Float32Array;
  /** Scores the source already gave (LAION's parquet columns): kept, and not computed again. */
  aesthetic?: number | null;
  punsafe?: number | null;
}

/**
 * Scores each row's CLIP image embedding: violence always, aesthetic and punsafe unless given. Embeddings of a
 * dimension LAION has no weights for get null scores (given ones are kept). Skipping a given punsafe skips the
 * NSFW network, most of the cost (LAION's own parquets carry punsafe).
 *
 * The vector is first rounded to float16, the precision pgvector's halfvec stores: ingest scores rows before they
 * are written and `sieve signals` after, and both must give a pair the same scores. It matters most for the NSFW
 * model, which looks three columns up by their printed value. A 512-d (ViT-B/32) row is scored in one pass over
 * its values (vit-b32-signals.ts), rounding included; the 768-d models are small enough for plain loops.
 */
export function computeSignals(rows: readonly SignalsInput[]): PairSignals[] {
  return rows.map(({ id, embedding, aesthetic = null, punsafe = null }) => {
    if (!isLaionDim(embedding.length)) return { id, aesthetic, punsafe, violence: null };
    if (embedding.length === 512) {
      const s = vitB32Signals(embedding, { toHalf: true, nsfw: punsafe === null });
      return { id, aesthetic: aesthetic ?? s.aesthetic, punsafe: punsafe ?? s.punsafe, violence: s.violence };
    }
    const x = roundToHalf(embedding);
    return { id, aesthetic: aesthetic ?? aestheticScore(x), punsafe: punsafe ?? nsfwScore(x), violence: violenceScore(x) };
  });
}
