// Whether a dataset can be searched by meaning right now, and if not, why and how to turn it on.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { findDatasets } from '../datasets/find-datasets';
import { getDataset } from '../datasets/get-dataset';
import { getClipStatus } from '../embeddings/get-clip-status';
import type { SearchStatus } from './schemas';

/** Never loads the model: cheap enough for every page view. */
export async function getSearchStatus(datasetName?: string, q: Queryable = getDb()): Promise<SearchStatus> {
  const found = datasetName ? await getDataset(datasetName, q) : (await findDatasets(q))[0];
  const dataset = found ? { id: found.id, name: found.name, model: found.model, dim: found.dim } : null;
  const clip = getClipStatus();
  if (!clip.available) return { dataset, semantic: { available: false, reason: clip.reason, howToEnable: clip.howToEnable } };
  if (dataset && dataset.dim === null) {
    return {
      dataset,
      semantic: { available: false, reason: `dataset "${dataset.name}" has no embeddings yet`, howToEnable: `Run \`npm run sieve -- embed --dataset ${dataset.name}\`.` },
    };
  }
  if (dataset && clip.dim !== undefined && clip.dim !== dataset.dim) {
    return {
      dataset,
      semantic: {
        available: false,
        reason: `the CLIP encoder (${clip.model}) gives ${clip.dim}-d vectors but dataset "${dataset.name}" holds ${dataset.dim}-d ${dataset.model} embeddings`,
        howToEnable: `Configure the encoder of ${dataset.model} (SIEVE_MODEL or SIEVE_MODEL_DIR).`,
      },
    };
  }
  return { dataset, semantic: { available: true } };
}
