// Why a dataset cannot be searched by meaning, worded once for the status route and the search itself.
import type { DatasetRecord } from '../datasets/schemas';
import type { SemanticStatus } from './schemas';

const embedCommand = (dataset: DatasetRecord) => `Run \`npm run sieve -- embed --dataset ${dataset.name}\`.`;

/** `what` narrows the subject, e.g. 'pair 12 has no image embeddings to search'. */
export function explainMissingEmbeddings(dataset: DatasetRecord, what = `dataset "${dataset.name}" has no embeddings yet`): SemanticStatus {
  return { available: false, reason: what, howToEnable: embedCommand(dataset) };
}

/** A vector from the configured encoder lives in its own space: only a dataset of its dimension can be searched with it. */
export function explainWrongDimension(dataset: DatasetRecord, encoderDim: number): SemanticStatus {
  return {
    available: false,
    reason: `the CLIP encoder gives ${encoderDim}-d vectors but dataset "${dataset.name}" holds ${dataset.dim}-d ${dataset.model} embeddings`,
    howToEnable: `Configure the encoder of ${dataset.model} (SIEVE_MODEL or SIEVE_MODEL_DIR).`,
  };
}

/** The dataset is being embedded in the background right now. */
export function explainEmbeddingUnderWay(dataset: DatasetRecord, progress: string | null): Pick<SemanticStatus, 'reason' | 'howToEnable'> {
  return {
    reason: `dataset "${dataset.name}" is being embedded now${progress ? ` (${progress})` : ''}`,
    howToEnable: 'Search by meaning turns on by itself when the run finishes.',
  };
}
