// Why a pair's neighbours (or near-duplicates) of one modality cannot be looked for, in words the pair page shows.
import type { Queryable } from '../db/client';
import type { DatasetRecord } from '../datasets/schemas';
import { vectorIndexName, type EmbeddingColumn } from '../datasets/vector-index';
import type { Modality } from '../search/schemas';
import type { PairVectors } from '../search/sql';
import { findExistingIndexes } from './duplicates-sql';

export const EMBEDDING_COLUMN: Record<Modality, EmbeddingColumn> = { image: 'img_emb', text: 'txt_emb' };
const NAME: Record<Modality, string> = { image: 'image', text: 'caption' };

/** Null when the pair's vector of this modality can be searched through its dataset's HNSW index. */
export async function explainUnsearchablePair(q: Queryable, pair: PairVectors, dataset: DatasetRecord, modality: Modality): Promise<string | null> {
  const column = EMBEDDING_COLUMN[modality];
  if (pair[column] === null || dataset.dim === null) return `Pair ${pair.id} has no ${NAME[modality]} embedding to compare.`;
  // Embedding runs build the index when they finish; until then a search would scan the whole dataset.
  const indexes = await findExistingIndexes(q, [vectorIndexName(column, dataset.id)]);
  if (indexes.size === 0) return `The ${NAME[modality]} embeddings of dataset "${dataset.name}" are not indexed yet; the index is built when the running ingest or embedding finishes.`;
  return null;
}
