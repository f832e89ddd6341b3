// A pair's nearest pairs by image and by caption embedding, through the search concept's HNSW query.
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Db, Queryable } from '../db/client';
import { parseVectorText } from '../db/pgvector';
import { SqlParams } from '../db/sql-params';
import type { DatasetRecord } from '../datasets/schemas';
import { resolveDataset } from '../datasets/resolve-dataset';
import type { Modality } from '../search/schemas';
import { findNearest, getPairVectors, type PairVectors } from '../search/sql';
import { EMBEDDING_COLUMN, explainUnsearchablePair } from './explain-unsearchable-pair';
import { NEIGHBOUR_LIMIT, type NeighbourList, type PairNeighbours } from './neighbour-schemas';
import { toPairSummary } from '../pairs/sql';

export async function findNeighbours(id: number, db: Db = getDb()): Promise<PairNeighbours> {
  // One transaction: the HNSW search settings are SET LOCAL.
  return db.tx(async (q) => {
    const pair = await getPairVectors(q, id);
    if (!pair) throw new AppError('not_found', `pair ${id} does not exist`);
    const dataset = (await resolveDataset(q, { id: pair.dataset_id }))!;
    // One after the other: both run on the transaction's one connection.
    const image = await findNearestOf(q, pair, dataset, 'image');
    const text = await findNearestOf(q, pair, dataset, 'text');
    return { pairId: id, image, text };
  });
}

async function findNearestOf(q: Queryable, pair: PairVectors, dataset: DatasetRecord, modality: Modality): Promise<NeighbourList> {
  const reason = await explainUnsearchablePair(q, pair, dataset, modality);
  if (reason) return { modality, items: [], reason };
  const column = EMBEDDING_COLUMN[modality];
  const params = new SqlParams();
  // No flag filter: a flagged neighbour is shown as such; a hidden one is not in shown_pairs at all.
  const scope = { datasetId: dataset.id, where: [`p.id <> ${params.add(pair.id)}::bigint`], params, graphRows: dataset.rows };
  const rows = await findNearest(q, scope, { column, dim: dataset.dim!, vector: parseVectorText(pair[column])!, after: null, limit: NEIGHBOUR_LIMIT });
  return { modality, items: rows.map((r) => ({ ...toPairSummary(r), cosine: r.score! })), reason: null };
}
