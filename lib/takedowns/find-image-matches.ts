// The pairs whose image looks like an item's image: its CLIP vector against every dataset of that dimension, through
// the HNSW index, kept at or above the threshold.
import type { Db } from '../db/client';
import { SqlParams } from '../db/sql-params';
import { embedImages } from '../embeddings/embed-images';
import { findNearest } from '../search/sql';

/** Neighbours read per dataset: more near-copies than this of one picture is a job for a domain or block list. */
const NEAREST = 1_000;

export async function findImageMatches(db: Db, imagePath: string, threshold: number): Promise<{ pairId: number; similarity: number }[]> {
  const [vector] = await embedImages([imagePath]);
  const datasets = await db.query<{ id: number; dim: number }>('SELECT id, dim FROM datasets WHERE dim = $1', [vector.length]);
  const out: { pairId: number; similarity: number }[] = [];
  for (const d of datasets) {
    const rows = await db.tx((q) =>
      findNearest(q, { datasetId: d.id, where: [], params: new SqlParams() }, { column: 'img_emb', dim: d.dim, vector, after: null, limit: NEAREST }),
    );
    for (const r of rows) if (r.score !== null && r.score >= threshold) out.push({ pairId: r.id, similarity: r.score });
  }
  return out;
}
