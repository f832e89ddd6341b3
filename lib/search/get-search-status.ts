// Whether a dataset can be searched by meaning right now, and if not, why and how to turn it on.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { resolveDataset } from '../datasets/resolve-dataset';
import { getClipStatus } from '../embeddings/get-clip-status';
import type { DatasetRecord } from '../datasets/schemas';
import { embedJobKey } from '../embeddings/queue-embedding';
import { findJobs } from '../jobs/find-jobs';
import { explainEmbeddingUnderWay, explainMissingEmbeddings, explainWrongDimension } from './explain-unsearchable';
import type { SearchStatus, SemanticStatus } from './schemas';

/** Never loads the model: cheap enough for every page view. */
export async function getSearchStatus(datasetName?: string, q: Queryable = getDb()): Promise<SearchStatus> {
  const dataset = await resolveDataset(q, { name: datasetName });
  const [job] = dataset ? await findJobs({ active: true, dedupeKey: embedJobKey(dataset.name), limit: 1 }, q) : [];
  const embedding = job && { jobId: job.id, state: job.state, done: job.done, total: job.total, message: job.message };
  const semantic = describeSemantic(dataset);
  return { dataset, semantic: embedding ? { ...semantic, ...(semantic.available ? {} : explainEmbeddingUnderWay(dataset!, embedding.message)), embedding } : semantic };
}

function describeSemantic(dataset: DatasetRecord | null): SemanticStatus {
  const clip = getClipStatus();
  if (!clip.available) return { available: false, reason: clip.reason, howToEnable: clip.howToEnable };
  if (dataset && dataset.dim === null) return explainMissingEmbeddings(dataset);
  if (dataset && clip.dim !== undefined && clip.dim !== dataset.dim) return explainWrongDimension(dataset, clip.dim);
  return { available: true };
}
