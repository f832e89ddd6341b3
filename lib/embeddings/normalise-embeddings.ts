// Splits an encoder's [batch, dim] output into one unit-length vector per row, ready for cosine search.
import type { Tensor } from '@huggingface/transformers';
import { AppError } from '@/lib/errors/app-error';

/**
 * Unlike ingest's normaliseVector (which rejects a user's file), a bad vector here is our fault: a broken model
 * or runtime. It is refused as 'internal' rather than stored, since one NaN or zero vector poisons cosine search.
 */
export function normaliseEmbeddings(output: Tensor): Float32Array[] {
  const [rows, dim] = output.dims;
  const data = output.data as Float32Array;
  const vectors: Float32Array[] = [];
  for (let row = 0; row < rows; row++) {
    const vector = data.slice(row * dim, (row + 1) * dim);
    let sumSquares = 0;
    for (let i = 0; i < dim; i++) sumSquares += vector[i] * vector[i];
    if (!(sumSquares > 0) || !Number.isFinite(sumSquares)) {
      throw new AppError('internal', 'the CLIP encoder produced a zero or non-finite embedding', { row });
    }
    const scale = 1 / Math.sqrt(sumSquares);
    for (let i = 0; i < dim; i++) vector[i] *= scale;
    vectors.push(vector);
  }
  return vectors;
}
