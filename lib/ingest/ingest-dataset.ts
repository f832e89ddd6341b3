// Loads a LAION-style source into a dataset: shard by shard, each shard atomic, re-runs add nothing.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError, isAppError } from '../errors/app-error';
import { checkEmbeddedSize } from '../db/check-embedded-size';
import { classifyDbError, type DbErrorClass } from '../errors/classify-db-error';
import { dataHome } from '../db/config';
import type { Db } from '../db/client';
import { ensureDataset } from '../datasets/ensure-dataset';
import { recordDimension } from '../datasets/record-dimension';
import { ensureVectorIndexes } from '../datasets/vector-index';
import { openSource } from './detect-source';
import { IngestInput, type IngestProgress, type IngestSummary } from './schemas';
import { fingerprintShard } from './fingerprint-shard';
import { flagBlockedPairs } from '../takedowns/flag-blocked-pairs';
import { queueHidingFiles } from '../pairs/refresh-hiding';
import { hideIngestedShard, openLookalikeScreen } from '../pairs/screen-lookalikes';
import { addSignals, asSixDecimals } from './add-signals';
import { copyPairs } from '../pairs/copy-pairs';
import { insertPairs } from '../pairs/insert-pairs';
import { analyzePairs, countIngestedRows, findCompletedShards, markShardCompleted } from './sql';
import type { Shard, Source } from './types';

export interface IngestHooks {
  onProgress?: (p: IngestProgress) => void;
}

export async function ingestDataset(db: Db, raw: IngestInput, hooks: IngestHooks = {}): Promise<IngestSummary> {
  const started = performance.now();
  const input = IngestInput.parse(raw);
  const root = path.resolve(input.path);
  // Per source folder, so webdataset shards named 00000.tar in two downloads don't share images.
  const rootKey = createHash('sha256').update(root).digest('hex').slice(0, 12);
  const source = await openSource(root, { mediaDir: path.join(dataHome(), 'media', input.dataset, rootKey) });
  const firstDim = source.shards.find((s) => s.dim !== null)?.dim ?? null;
  // Before the dataset row exists: a refused load leaves nothing behind.
  if (db.kind === 'embedded' && firstDim !== null && !input.force) {
    const { rows, again } = await countIngestedRows(db, input.dataset, source.shards.map((s) => s.file));
    // A re-run that only finds finished shards adds nothing, and is let through to finish what it may.
    const adding = source.shards.reduce((n, s) => n + s.rows, 0) - again;
    if (adding > 0) checkEmbeddedSize(db.kind, { command: 'ingest', dataset: input.dataset, rows: rows + adding, dim: firstDim });
  }
  let dataset = await ensureDataset(db, { name: input.dataset, model: input.model, dim: firstDim, source: root });
  const done = await findCompletedShards(db, dataset.id);
  const rowsTotal = source.shards.reduce((n, s) => n + s.rows, 0);
  const summary: IngestSummary = { dataset: dataset.name, kind: source.kind, shards: source.shards.length, skippedShards: 0, rows: rowsTotal, inserted: 0, blocked: 0, signals: 0, failed: [], indexes: [], loadSeconds: 0, indexSeconds: 0 };
  let rowsDone = 0;

  for (const [shardIndex, shard] of source.shards.entries()) {
    const report = (extra: number) => hooks.onProgress?.({ shard: shard.file, shardIndex, shards: source.shards.length, rowsDone: rowsDone + extra, rowsTotal });
    const sourceId = await shardId(source, shard);
    if (done.has(sourceId)) {
      summary.skippedShards++;
      rowsDone += shard.rows;
      report(0);
      continue;
    }
    try {
      checkDimension(shard, dataset);
      const written = await writeShard(db, dataset.id, sourceId, shard, input.batchSize, report);
      summary.inserted += written.inserted;
      summary.blocked += written.blocked;
      summary.signals += written.signals;
      if (dataset.dim === null && shard.dim !== null) dataset = { ...dataset, dim: shard.dim };
    } catch (caught) {
      const dbError = classifyDbError(caught);
      const err = dbError ? shardDbError(dbError, shard.file, dataset.name, caught) : caught;
      // --keep-going skips bad files; a database failure is not the file's fault and the next shard would hit it too.
      if (!isAppError(err) || !input.keepGoing || dbError) throw err;
      const row = (err.details as { row?: number } | undefined)?.row;
      summary.failed.push({ file: shard.file, message: err.message, ...(row === undefined ? {} : { row }) });
    }
    rowsDone += shard.rows;
    report(0);
  }
  summary.loadSeconds = (performance.now() - started) / 1000;
  const indexStart = performance.now();
  if (summary.inserted > 0) await analyzePairs(db);
  if (dataset.dim) summary.indexes = await ensureVectorIndexes(db, dataset.id, dataset.dim);
  summary.indexSeconds = (performance.now() - indexStart) / 1000;
  return summary;
}

/** An embedding folder's shard is its metadata parquet plus the npy files at the same index. */
function shardId(source: Source, shard: Shard): Promise<string> {
  const file = path.join(source.root, shard.file);
  const n = source.kind === 'embedding-folder' ? shard.file.match(/(\d+)\.parquet$/i)?.[1] : undefined;
  const companions = n === undefined ? [] : [`img_emb/img_emb_${n}.npy`, `text_emb/text_emb_${n}.npy`].map((f) => path.join(source.root, f)).filter((f) => existsSync(f));
  return fingerprintShard(file, companions);
}

function checkDimension(shard: Shard, dataset: { name: string; dim: number | null }) {
  if (shard.dim !== null && dataset.dim !== null && shard.dim !== dataset.dim) {
    throw new AppError('bad_request', `${shard.file}: embedding dimension ${shard.dim} differs from dataset "${dataset.name}" (${dataset.dim})`, { file: shard.file });
  }
}

/** The shard's transaction rolled back, so the message can promise that a re-run redoes the whole shard. */
function shardDbError(db: DbErrorClass, file: string, dataset: string, cause: unknown): AppError {
  const next = `${db.remedy ? `${db.remedy}, then ` : ''}re-run the same command to resume`;
  const err = new AppError(db.code, `${db.problem} while writing ${file} into dataset "${dataset}"; nothing of that shard was kept: ${next}`, { dbError: db.kind, file, dataset });
  err.cause = cause;
  return err;
}

// On Citus, one connection per node for the shard's transaction: after the COPY it raises flags and hides pairs with
// coordinator-routed inserts, and with parallel connections a later statement failed now and then ("cannot perform
// query with placements that were modified over multiple connections"). A plain server ignores the setting.
const ONE_CONNECTION_PER_NODE = "SET LOCAL citus.multi_shard_modify_mode TO 'sequential'";

/**
 * One transaction per shard: a bad row anywhere leaves the database as it was for that shard,
 * and a killed run loses at most the shard in flight, which the next run redoes.
 */
async function writeShard(db: Db, datasetId: number, sourceId: string, shard: Shard, batchSize: number, report: (n: number) => void): Promise<{ inserted: number; blocked: number; signals: number }> {
  return db.tx(async (q) => {
    if (shard.dim !== null) await recordDimension(q, datasetId, shard.dim);
    let inserted = 0;
    // LAION's scores ride with the rows into both writers, so a shard is written with its signals or not at all.
    const scored = { rows: 0 };
    // Read after the dimension is set: a first shard of a model others are hidden in is screened too.
    const screen = await openLookalikeScreen(q, datasetId);
    const signalled = addSignals(shard.batches(batchSize), scored, q.copyFrom ? undefined : asSixDecimals);
    const batches = screen ? screen.watch(signalled) : signalled;
    if (q.copyFrom) {
      inserted = await copyPairs(q as Required<typeof q>, datasetId, sourceId, batches, report);
    } else {
      // The embedded database: batched INSERT … SELECT FROM unnest (PGlite dies on COPY FROM STDIN).
      let seen = 0;
      for await (const batch of batches) {
        inserted += await insertPairs(q, datasetId, sourceId, batch);
        seen += batch.length;
        report(seen);
      }
    }
    // In the shard's own transaction: a re-ingested shard can't bring back what a block list or the hiding rule
    // removed, even briefly; the hidden rows' files go in the background, as when a flag hides them.
    const blocked = await flagBlockedPairs(q, { datasetId, sourceId });
    if ((await hideIngestedShard(q, { datasetId, sourceId }, screen)).length) await queueHidingFiles(q);
    await markShardCompleted(q, datasetId, sourceId, shard.file, shard.rows);
    return { inserted, blocked, signals: scored.rows };
  }, { prelude: db.kind === 'server' ? ONE_CONNECTION_PER_NODE : undefined });
}
