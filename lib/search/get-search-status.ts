// Whether a dataset can be searched by meaning right now, and if not, why and how to turn it on.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { resolveDataset } from '../datasets/resolve-dataset';
import { getClipStatus } from '../embeddings/get-clip-status';
import { explainMissingEmbeddings, explainWrongDimension } from './explain-unsearchable';
import type { SearchStatus } from './schemas';

/** Never loads the model: cheap enough for every page view. */
export async function getSearchStatus(datasetName?: string, q: Queryable = getDb()): Promise<SearchStatus> {
  const dataset = await resolveDataset(q, { name: datasetName });
  const clip = getClipStatus();
  if (!clip.available) return { dataset, semantic: { available: false, reason: clip.reason, howToEnable: clip.howToEnable } };
  if (dataset && dataset.dim === null) return { dataset, semantic: explainMissingEmbeddings(dataset) };
  if (dataset && clip.dim !== undefined && clip.dim !== dataset.dim) return { dataset, semantic: explainWrongDimension(dataset, clip.dim) };
  return { dataset, semantic: { available: true } };
}
