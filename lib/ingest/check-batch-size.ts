// Guards Shard.batches against a batch size that would loop forever or yield nothing.
import { AppError } from '../errors/app-error';

/** Throws unless `batchSize` is a positive safe integer. */
export function checkBatchSize(batchSize: number): void {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new AppError('bad_request', `batch size must be a positive integer, got ${batchSize}`);
  }
}
