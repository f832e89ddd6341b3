// `sieve signals`: LAION's aesthetic, NSFW and violence scores for a dataset's pairs that lack them, batch by batch.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { getDataset } from '../datasets/get-dataset';
import { writeSignals } from '../pairs/write-signals';
import { computeSignals } from './compute-signals';
import { isLaionDim } from './laion-model';
import { SignalsDatasetInput, type SignalsProgress, type SignalsSummary } from './schemas';
import { countPairsWithoutSignals, findPairsWithoutSignals } from './sql';

export interface SignalsHooks {
  onProgress?: (p: SignalsProgress) => unknown;
  /** Stops the run between batches (a cancelled job); what was written stays, and a re-run continues. */
  signal?: AbortSignal;
}

/**
 * Keyset over the pairs with an image embedding and no violence score → computeSignals → one UPDATE per batch
 * (its own transaction). Resumable: a re-run finds only what is still missing. A dataset whose CLIP model LAION
 * published no weights for is refused with bad_request; one without image embeddings has nothing to do.
 */
export async function computeDatasetSignals(db: Db, raw: SignalsDatasetInput, hooks: SignalsHooks = {}): Promise<SignalsSummary> {
  const input = SignalsDatasetInput.parse(raw);
  const dataset = await getDataset(input.dataset, db);
  const summary: SignalsSummary = { dataset: dataset.name, dim: dataset.dim, scored: 0, aestheticFilled: 0, punsafeFilled: 0 };
  if (dataset.dim === null) return { ...summary, note: 'the dataset has no image embeddings yet (sieve embed computes them)' };
  if (!isLaionDim(dataset.dim)) {
    throw new AppError(
      'bad_request',
      `dataset "${dataset.name}" holds ${dataset.dim}-d ${dataset.model} embeddings; LAION's aesthetic, NSFW and violence models exist for CLIP ViT-B/32 (512-d) and ViT-L/14 (768-d) only`,
    );
  }
  const total = await countPairsWithoutSignals(db, dataset.id);
  let done = 0;
  let afterId = 0;
  await hooks.onProgress?.({ done, total });
  for (;;) {
    hooks.signal?.throwIfAborted();
    const batch = await findPairsWithoutSignals(db, dataset.id, afterId, input.batchSize);
    if (batch.length === 0) break;
    afterId = batch[batch.length - 1].id;
    const written = await writeSignals(db, computeSignals(batch));
    // Only rows this run wrote count (a concurrent run may have taken some); their source values were read above.
    const mine = batch.filter((p) => written.has(p.id));
    summary.scored += mine.length;
    summary.aestheticFilled += mine.filter((p) => p.aesthetic === null).length;
    // Only ViT-B/32 has an NSFW model; a 768-d pair's punsafe stays as it was.
    if (dataset.dim === 512) summary.punsafeFilled += mine.filter((p) => p.punsafe === null).length;
    done += batch.length;
    await hooks.onProgress?.({ done, total });
  }
  return summary;
}
