// clip-retrieval's aesthetic re-weighting: the query pulled towards LAION's embedding of an aesthetic rating.
import { AppError } from '../errors/app-error';

/**
 * `normalise(query + weight × rating)`, as clip_back computes it: the query as the encoder gave it (unit length for
 * text and images; an `embedding_input` as sent, which clip-retrieval does not normalise first either).
 */
export function steerToRating(query: Float32Array, rating: Float32Array, weight: number): Float32Array {
  if (rating.length !== query.length) throw new AppError('internal', `rating has ${rating.length} dimensions, the query ${query.length}`);
  const out = new Float32Array(query.length);
  let norm = 0;
  for (let i = 0; i < query.length; i++) {
    out[i] = query[i] + weight * rating[i];
    norm += out[i] * out[i];
  }
  norm = Math.sqrt(norm);
  if (!(norm > 0)) throw new AppError('bad_request', 'aesthetic_weight: the re-weighted query has no direction left (weight × rating cancels the query)');
  for (let i = 0; i < out.length; i++) out[i] /= norm;
  return out;
}
