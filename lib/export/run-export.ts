// Writes one export: source ids in batches → the rule's rows (never a hidden pair's image, URL or caption) → the
// format's writer, into a temporary folder renamed when complete, with its manifest and an audit event.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { toAppError } from '../errors/to-app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import { countHiddenPairs } from '../pairs/hiding-sql';
import { queueHidingFiles } from '../pairs/refresh-hiding';
import { exportFolder, partialFolder, removePartials } from './export-dir';
import { findHiddenInExport } from './find-hidden-in-export';
import { resolveExportSource } from './resolve-export-source';
import { ExportRequest, type ExportManifest } from './schemas';
import { sieveVersion } from './sieve-version';
import { markExportRunning, selectExport, selectExtraColumns, selectHasAllText, selectMaxAuditEventId, updateExport } from './sql';
import { writeExportFiles } from './write-export-files';

/** Pairs read and written per step: a few MB of rows (more with vectors), whatever the export's size. */
export const EXPORT_BATCH = 5_000;

export interface ExportHooks {
  signal?: AbortSignal;
  onProgress?: (done: number, message: string) => unknown;
}

export async function runExport(db: Db, exportId: number, hooks: ExportHooks = {}): Promise<ExportManifest> {
  const row = await selectExport(db, exportId);
  if (!row) throw new AppError('not_found', `export ${exportId} does not exist`);
  const request = ExportRequest.parse(row.request);
  const startedAt = new Date().toISOString();
  const auditEventId = await selectMaxAuditEventId(db);
  const source = await resolveExportSource(db, request.source);
  const { dataset } = source;
  await markExportRunning(db, exportId, dataset.id);
  const npy = request.format === 'npy';
  if (npy && !dataset.dim) throw new AppError('bad_request', `dataset "${dataset.name}" has no embeddings to export as .npy`);
  const withText = npy && (await selectHasAllText(db, dataset.id));
  const extraColumns = [...(await selectExtraColumns(db, dataset.id)), ...(request.rule.keep === 'flagged' ? ['sieve_flags'] : [])];
  await removePartials(exportId);
  const tmp = partialFolder(exportId);
  // The hiding rule's pairs are not in shown_pairs, so never among the rows; the manifest says how many the dataset has.
  const hidden = await countHiddenPairs(db, dataset.id);
  const folder = exportFolder(exportId);
  let manifest: ExportManifest;
  try {
    const { files, written, seen } = await writeExportFiles(tmp, {
      request, dim: dataset.dim, withText, extraColumns, batches: source.batches(request.rule, { img: npy, txt: withText }, EXPORT_BATCH), ...hooks,
    });
    manifest = {
      sieve: { version: sieveVersion() }, exportId, request, dataset: dataset.name, auditEventId, startedAt, finishedAt: new Date().toISOString(),
      rows: written, excluded: { byRule: seen - written, hidden }, files,
      notes: [
        ...source.notices,
        ...(written === 0 ? ['The query matched no pair that the rule keeps: the files are valid and empty.'] : []),
        ...(npy ? ['Only pairs with an image embedding are in a .npy export.', ...(withText ? [] : ['text_emb/ is left out: not every pair has a caption embedding.'])] : []),
      ],
    };
    await fs.writeFile(path.join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await fs.rm(folder, { recursive: true, force: true });
    await fs.rename(tmp, folder);
    const bytes = manifest.files.reduce((n, f) => n + f.bytes, 0);
    await db.tx(async (tx) => {
      await updateExport(tx, exportId, { state: 'done', rows: written, bytes, folder, manifest, finished: true });
      await recordEvent(tx, {
        actor: row.createdBy, action: 'export.create', subject: `export:${exportId}`, datasetId: dataset.id,
        details: { request, rows: written, excluded: manifest.excluded, files: manifest.files.map((f) => ({ path: f.path, sha256: f.sha256 })) },
      });
    });
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    const reason = (err as NodeJS.ErrnoException).code === 'ENOSPC' ? 'the disk that holds the data folder is full' : toAppError(err).message;
    await updateExport(db, exportId, { state: hooks.signal?.aborted ? 'cancelled' : 'failed', error: reason, finished: true }).catch(() => undefined);
    throw err;
  }
  await rewriteIfHiddenSince(db, { datasetId: dataset.id, folder });
  return manifest;
}

/**
 * A pair hidden while the export was being written may be in it: a batch read before its flag. Checked only after the
 * export is done, so a pair hidden later still finds it done, and its 'hiding' job rewrites it; one hidden before this
 * check gets a job queued here (the download is refused until then).
 */
export async function rewriteIfHiddenSince(db: Db, e: { datasetId: number; folder: string }): Promise<void> {
  if ((await findHiddenInExport(db, e))?.length) await queueHidingFiles(db);
}
