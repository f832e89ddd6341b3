// Look-alikes of hidden images: pairs of any dataset of the same model whose image embedding is within the duplicate
// cosine of a hidden pair's, found through each dataset's HNSW index (an exact scan where a dataset has none yet).
import type { Queryable } from '../db/client';
import { embeddingExpr } from '../datasets/vector-index';
import { DUPLICATE_COSINE } from './schemas';
import { selectDatasetsOfModel, type HiddenVector } from './hiding-sql';

/** Copies are few for almost every image: a small window first, grown while all of it still matches. */
const FIRST_WINDOW = 16;
const GROWTH = 4;
/** Look-alikes kept per hidden vector and dataset: a bound on one transaction's work, far past any real copy count. */
export const LOOKALIKE_CAP = 10_000;

export interface Lookalike {
  pairId: number;
  sourceId: number;
  cosine: number;
}

/** `q` must be a transaction: the index settings are SET LOCAL. */
export async function findLookalikes(q: Queryable, vectors: HiddenVector[]): Promise<Lookalike[]> {
  const hidden = new Set(vectors.map((v) => v.pairId));
  const datasets = new Map<string, number[]>();
  const out = new Map<string, Lookalike>();
  for (const v of vectors) {
    const key = `${v.model}\0${v.dim}`;
    if (!datasets.has(key)) datasets.set(key, await selectDatasetsOfModel(q, v.model, v.dim));
    for (const datasetId of datasets.get(key)!) {
      for (const m of await nearImages(q, datasetId, v.dim, v.vector)) {
        if (hidden.has(m.id)) continue;
        const k = `${m.id}:${v.sourceId}`;
        const seen = out.get(k);
        if (!seen || seen.cosine < m.cosine) out.set(k, { pairId: m.id, sourceId: v.sourceId, cosine: m.cosine });
      }
    }
  }
  return [...out.values()];
}

async function nearImages(q: Queryable, datasetId: number, dim: number, vector: string): Promise<{ id: number; cosine: number }[]> {
  const expr = embeddingExpr('img_emb', dim);
  for (let window = FIRST_WINDOW; ; window = Math.min(window * GROWTH, LOOKALIKE_CAP)) {
    // Integers we chose; strict order so the window's last row tells whether the matches go on.
    await q.query(`SET LOCAL hnsw.ef_search = ${Math.min(1000, Math.max(100, 2 * window))}; SET LOCAL hnsw.iterative_scan = strict_order; SET LOCAL hnsw.max_scan_tuples = ${Math.max(50_000, 20 * window)}`);
    const rows = await q.query<{ id: number; cosine: number }>(
      `SELECT p.id, 1 - (${expr} <=> $1::halfvec(${dim})) AS cosine FROM pairs p
        WHERE p.dataset_id = ${Math.trunc(datasetId)} AND p.img_emb IS NOT NULL
        ORDER BY ${expr} <=> $1::halfvec(${dim}) LIMIT ${window}`,
      [vector],
    );
    const near = rows.filter((r) => r.cosine >= DUPLICATE_COSINE);
    if (near.length < rows.length || rows.length < window || window >= LOOKALIKE_CAP) return near;
  }
}
