// LAION's aesthetic rating embeddings, which clip-retrieval adds to a query to steer it towards a rating.
import { AppError } from '../errors/app-error';
import { laionModelStem } from './laion-model';
import { readFloat32Npy } from './read-laion-weights';

/**
 * LAION's `rating{score}` unit vector for the CLIP model of this dimension (512: ViT-B/32, 768: ViT-L/14).
 * clip-retrieval adds `rating * aesthetic_weight` to the query embedding and re-normalises it. The array is
 * shared and cached: treat it as read-only. Other dimensions, or a score outside 0..9, throw bad_request.
 */
export function aestheticRating(dim: number, score: number): Float32Array {
  const stem = laionModelStem(dim);
  if (!Number.isInteger(score) || score < 0 || score > 9) {
    throw new AppError('bad_request', `aesthetic score must be an integer from 0 to 9, got ${score}`);
  }
  const { data } = readFloat32Npy(`aesthetic/${stem}_embeddings/rating${score}.npy`);
  if (data.length !== dim) throw new AppError('internal', `rating${score}.npy for ${stem} has ${data.length} values, expected ${dim}`);
  return data;
}
