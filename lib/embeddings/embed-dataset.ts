// `sieve embed`: fills in the caption and image embeddings a dataset lacks, batch by batch, resumable.
import { queueHidingFiles } from '../pairs/refresh-hiding';
import { hideEmbeddedLookalikes } from '../pairs/screen-lookalikes';
import { writeVectors } from '../pairs/write-vectors';
import { AppError, isAppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { checkEmbeddedSize, embeddedMaxValues } from '../db/check-embedded-size';
import { getDataset } from '../datasets/get-dataset';
import { claimDimension } from '../datasets/record-dimension';
import { ensureVectorIndexes } from '../datasets/vector-index';
import { embedImages } from './embed-images';
import { embedTexts } from './embed-texts';
import { resolveClipSource } from './resolve-clip-source';
import { EmbedDatasetInput, type EmbedProgress, type EmbedSummary } from './schemas';
import { countMissing, findMissing, MISSING_IMAGE, MISSING_TEXT, type Missing } from './sql';

export interface EmbedHooks {
  onProgress?: (p: EmbedProgress) => unknown;
  /** Stops the run between batches (a cancelled job); what was written stays, and a re-run continues. */
  signal?: AbortSignal;
}

export async function embedDataset(db: Db, raw: EmbedDatasetInput, hooks: EmbedHooks = {}): Promise<EmbedSummary> {
  const input = EmbedDatasetInput.parse(raw);
  const dataset = await getDataset(input.dataset, db);
  const model = resolveClipSource().model;
  await checkSize(db, dataset, input.force);
  const summary: EmbedSummary = { dataset: dataset.name, model, dim: dataset.dim ?? 0, text: 0, image: 0, failed: [], indexes: [] };
  const run = async (modality: 'text' | 'image', m: Missing, encode: (inputs: string[]) => Promise<Float32Array[]>) => {
    const total = await countMissing(db, dataset.id, m);
    let done = 0;
    let afterId = 0;
    await hooks.onProgress?.({ modality, done, total });
    for (;;) {
      hooks.signal?.throwIfAborted();
      const batch = await findMissing(db, dataset.id, m, afterId, input.batchSize);
      if (batch.length === 0) return;
      afterId = batch[batch.length - 1].id;
      const encoded = await encodeBatch(batch, encode, summary.failed);
      if (encoded.ids.length > 0) summary[modality] += await write(db, dataset, model, m, encoded, summary);
      done += batch.length;
      await hooks.onProgress?.({ modality, done, total });
    }
  };
  if (input.modality !== 'image') await run('text', MISSING_TEXT, (texts) => embedTexts(texts));
  if (input.modality !== 'text') await run('image', MISSING_IMAGE, (paths) => embedImages(paths));
  if (summary.dim) summary.indexes = await ensureVectorIndexes(db, dataset.id, summary.dim);
  return summary;
}

/**
 * Every pair may get a vector, and the HNSW graph then holds them all. The dimension is the dataset's, or before its
 * first vector 512 (the default encoder's and CLIP's smallest), so the estimate never overstates. A dataset with
 * nothing left to encode passes: the run only checks its indexes.
 */
async function checkSize(db: Db, dataset: { id: number; name: string; dim: number | null; pairs: number }, force: boolean) {
  const dim = dataset.dim ?? 512;
  if (db.kind !== 'embedded' || force || dataset.pairs * dim <= embeddedMaxValues()) return;
  const missing = (await countMissing(db, dataset.id, MISSING_TEXT)) + (await countMissing(db, dataset.id, MISSING_IMAGE));
  if (missing > 0) checkEmbeddedSize(db.kind, { command: 'embed', dataset: dataset.name, rows: dataset.pairs, dim });
}

/** One transaction per batch: the dimension check, the dataset's first claim on a model and the vectors land together. */
async function write(db: Db, dataset: { id: number; name: string; model: string }, model: string, m: Missing, e: { ids: number[]; vectors: Float32Array[] }, summary: EmbedSummary): Promise<number> {
  const dim = e.vectors[0].length;
  return db.tx(async (q) => {
    const datasetDim = await claimDimension(q, dataset.id, model, dim);
    if (datasetDim !== dim) {
      throw new AppError('bad_request', `dataset "${dataset.name}" holds ${datasetDim}-d ${dataset.model} embeddings; the configured encoder ${model} gives ${dim}-d vectors, and vectors of two models cannot be compared`);
    }
    summary.dim = dim;
    const written = await writeVectors(q, m.column, e.ids, e.vectors);
    // A local image that copies a hidden one hides with its vector, in the same transaction (the files follow).
    if (m.column === 'img_emb' && (await hideEmbeddedLookalikes(q, dataset.id, e.ids, e.vectors)).length) await queueHidingFiles(q);
    return written;
  });
}

/**
 * A batch fails whole when one image is missing or undecodable; it is then encoded one by one so that one
 * bad file costs its own pair only (reported, left without a vector), never the run.
 */
async function encodeBatch(batch: { id: number; input: string }[], encode: (inputs: string[]) => Promise<Float32Array[]>, failed: EmbedSummary['failed']) {
  try {
    return { ids: batch.map((b) => b.id), vectors: await encode(batch.map((b) => b.input)) };
  } catch (err) {
    if (!isPerInputError(err)) throw err;
  }
  const ids: number[] = [];
  const vectors: Float32Array[] = [];
  for (const b of batch) {
    try {
      vectors.push((await encode([b.input]))[0]);
      ids.push(b.id);
    } catch (err) {
      if (!isPerInputError(err)) throw err;
      failed.push({ pairId: b.id, message: err.message });
    }
  }
  return { ids, vectors };
}

const isPerInputError = (err: unknown): err is AppError => isAppError(err) && (err.code === 'not_found' || err.code === 'unsupported_media_type');
