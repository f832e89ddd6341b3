// Recording a dataset's embedding dimension once its first vectors arrive: from a source's own vectors (lib/ingest)
// or from the encoder that computed them (lib/embeddings). A dimension once set is never changed here.
import type { Queryable } from '../db/client';

/**
 * Sets the dimension of a dataset that has none yet, and with `model` the encoder too (embeddings computed by Sieve);
 * without it the model the dataset was created with stays (vectors that came with the source).
 */
export async function recordDimension(q: Queryable, datasetId: number, dim: number, model?: string): Promise<void> {
  if (model === undefined) await q.query('UPDATE datasets SET dim = $2 WHERE id = $1 AND dim IS NULL', [datasetId, dim]);
  else await q.query('UPDATE datasets SET model = $2, dim = $3 WHERE id = $1 AND dim IS NULL', [datasetId, model, dim]);
}

/** Records the encoder on a dataset that has no vectors yet; returns the dataset's dimension afterwards. */
export async function claimDimension(q: Queryable, datasetId: number, model: string, dim: number): Promise<number> {
  await recordDimension(q, datasetId, dim, model);
  const [row] = await q.query<{ dim: number }>('SELECT dim FROM datasets WHERE id = $1', [datasetId]);
  return row.dim;
}
