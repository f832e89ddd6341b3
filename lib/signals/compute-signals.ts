// All of LAION's signals for a batch of image embeddings: the one function ingest and `sieve signals` share.
import { decodeFloat16 } from '../ingest/decode-float16';
import { encodeFloat16 } from '../db/encode-float16';
import { aestheticScore } from './aesthetic-score';
import { isLaionDim } from './laion-model';
import { nsfwScore } from './nsfw-score';
import type { PairSignals } from './schemas';
import { violenceScore } from './violence';

/**
 * Scores each row's CLIP image embedding. Embeddings of a dimension LAION has no weights for score all null.
 * The vector is first rounded to float16, the precision pgvector's halfvec stores: ingest scores rows before
 * they are written and `sieve signals` after, and both must give a pair the same scores. It matters most for
 * the NSFW model, which looks three columns up by their printed value.
 */
export function computeSignals(rows: readonly { id: number; embedding: Float32Array }[]): PairSignals[] {
  return rows.map(({ id, embedding }) => {
    if (!isLaionDim(embedding.length)) return { id, aesthetic: null, punsafe: null, violence: null };
    const x = roundToHalf(embedding);
    return { id, aesthetic: aestheticScore(x), punsafe: nsfwScore(x), violence: violenceScore(x) };
  });
}

/** The values a halfvec column keeps (exact: float16 → float32 loses nothing). */
function roundToHalf(v: Float32Array): Float32Array {
  const out = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = decodeFloat16(encodeFloat16(v[i]));
  return out;
}
