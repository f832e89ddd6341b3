// Decides how a search request is answered: which mode, which query vector and which stored vectors it ranks.
import { AppError, isAppError } from '../errors/app-error';
import type { Queryable } from '../db/client';
import { parseVectorText } from '../db/pgvector';
import type { DatasetRecord } from '../datasets/schemas';
import { vectorIndexName, type EmbeddingColumn } from '../datasets/vector-index';
import { embedImages } from '../embeddings/embed-images';
import { embedTexts } from '../embeddings/embed-texts';
import { fetchImageUrl } from '../images/fetch-image-url';
import { checkImageBytes } from '../images/check-image-bytes';
import { MAX_IMAGE_BYTES, type Modality, type SearchInput, type SearchMode, type SemanticStatus } from './schemas';
import type { PairVectors } from './sql';
import { explainMissingEmbeddings, explainWrongDimension } from './explain-unsearchable';

export interface QueryPlan {
  mode: SearchMode;
  modality: Modality;
  column: EmbeddingColumn;
  vector?: Float32Array;
  keyword?: string;
  semantic?: SemanticStatus;
  notices: string[];
}

const COLUMN: Record<Modality, EmbeddingColumn> = { image: 'img_emb', text: 'txt_emb' };
const OTHER: Record<Modality, Modality> = { image: 'text', text: 'image' };
const NAME: Record<Modality, string> = { image: 'image', text: 'caption' };

export async function planQuery(q: Queryable, input: SearchInput, dataset: DatasetRecord, pair?: PairVectors): Promise<QueryPlan> {
  const hasVectorQuery = input.text !== undefined || input.image !== undefined || input.imageUrl !== undefined || pair !== undefined || input.embedding !== undefined;
  const notices: string[] = [];
  const plan: QueryPlan = { mode: 'filter', modality: input.modality, column: COLUMN[input.modality], keyword: input.keyword, notices };
  if (!hasVectorQuery) return { ...plan, mode: input.keyword ? 'keyword' : 'filter' };

  const searchable = await searchableModality(q, dataset, input.modality, pair, notices);
  if (input.text !== undefined) {
    if ('unavailable' in searchable) return keywordFallback(plan, input.text, searchable.unavailable);
    const encoded = await encodeText(input.text, dataset);
    if ('unavailable' in encoded) return keywordFallback(plan, input.text, encoded.unavailable);
    return { ...plan, ...columnsOf(searchable), mode: input.keyword ? 'hybrid' : 'semantic', vector: encoded.vector, semantic: { available: true } };
  }
  if ('unavailable' in searchable) throw new AppError('bad_request', `${searchable.unavailable.reason}: ${searchable.unavailable.howToEnable}`);
  const vector = await queryVector(input, dataset, searchable.modality, pair);
  return { ...plan, ...columnsOf(searchable), mode: input.keyword ? 'hybrid' : 'semantic', vector };
}

const columnsOf = (s: { modality: Modality }) => ({ modality: s.modality, column: COLUMN[s.modality] });

/** A text query that cannot be searched by meaning still deserves an answer: its words, matched against captions. */
function keywordFallback(plan: QueryPlan, text: string, why: SemanticStatus): QueryPlan {
  plan.notices.push(`Semantic search is off (${why.reason}); these are keyword matches for your words.`);
  return { ...plan, mode: 'keyword', keyword: plan.keyword ?? text, semantic: why };
}

/**
 * The stored vectors to rank. A dataset with caption embeddings only (a LAION parquet embedded with
 * `sieve embed`) would answer every image-modality query with nothing; the other modality answers instead.
 */
async function searchableModality(
  q: Queryable,
  dataset: DatasetRecord,
  wanted: Modality,
  pair: PairVectors | undefined,
  notices: string[],
): Promise<{ modality: Modality } | { unavailable: SemanticStatus }> {
  if (dataset.dim === null) return { unavailable: explainMissingEmbeddings(dataset) };
  const names = [vectorIndexName(COLUMN.image, dataset.id), vectorIndexName(COLUMN.text, dataset.id)];
  const indexed = new Set(dataset.vectorIndexes ?? (await q.query<{ indexname: string }>('SELECT indexname FROM pg_indexes WHERE indexname = ANY($1)', [names])).map((r) => r.indexname));
  const usable = (m: Modality) => (pair ? pair[COLUMN[m]] !== null : true) && indexed.has(vectorIndexName(COLUMN[m], dataset.id));
  if (usable(wanted)) return { modality: wanted };
  const other = OTHER[wanted];
  const what = pair ? `pair ${pair.id}` : `dataset "${dataset.name}"`;
  if (!usable(other)) return { unavailable: explainMissingEmbeddings(dataset, `${what} has no ${NAME[wanted]} embeddings to search`) };
  notices.push(`${pair ? `Pair ${pair.id}` : `Dataset "${dataset.name}"`} has no ${NAME[wanted]} embeddings, so ${NAME[other]} embeddings were searched instead.`);
  return { modality: other };
}

async function encodeText(text: string, dataset: DatasetRecord): Promise<{ vector: Float32Array } | { unavailable: SemanticStatus }> {
  try {
    const [vector] = await embedTexts([text]);
    return { vector: checkDim(vector, dataset) };
  } catch (err) {
    if (!isAppError(err) || err.code !== 'unavailable') throw err;
    const details = err.details as { reason?: string; howToEnable?: string } | undefined;
    return { unavailable: { available: false, reason: details?.reason ?? err.message, howToEnable: details?.howToEnable ?? err.message } };
  }
}

async function queryVector(input: SearchInput, dataset: DatasetRecord, modality: Modality, pair?: PairVectors): Promise<Float32Array> {
  if (pair) return parseVectorText(pair[COLUMN[modality]])!;
  if (input.embedding) {
    if (input.embedding.length !== dataset.dim) {
      throw new AppError('bad_request', `embedding: has ${input.embedding.length} dimensions; dataset "${dataset.name}" has ${dataset.dim}`);
    }
    if (!input.embedding.some((x) => x !== 0)) throw new AppError('bad_request', 'embedding: an all-zero vector has no direction to search');
    return Float32Array.from(input.embedding);
  }
  let bytes: Uint8Array;
  if (input.image) {
    checkImageBytes(input.image, { maxBytes: MAX_IMAGE_BYTES, what: 'the uploaded file' });
    bytes = input.image;
  } else {
    bytes = (await fetchImageUrl(input.imageUrl!, { maxBytes: MAX_IMAGE_BYTES })).bytes;
  }
  const [vector] = await embedImages([bytes]);
  return checkDim(vector, dataset);
}

/** Only a dataset of the encoder's dimension can be searched with its vectors. */
function checkDim(vector: Float32Array, dataset: DatasetRecord): Float32Array {
  if (vector.length === dataset.dim) return vector;
  const why = explainWrongDimension(dataset, vector.length);
  throw new AppError('unavailable', `Cannot search by meaning: ${why.reason}.`, { reason: why.reason, howToEnable: why.howToEnable });
}
