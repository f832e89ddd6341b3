// Writes one export: source ids in batches → the rule's rows (never a suspected-CSAM image, URL or caption) → the
// format's writer, into a temporary folder renamed when complete, with its manifest and an audit event.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { toAppError } from '../api/error-response';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import { countHiddenPairs } from '../pairs/hiding-sql';
import { exportFolder, partialFolder, removePartials } from './export-dir';
import { hashFile } from './hash-file';
import { openPairIdsFile, PAIR_IDS_FILE } from './pair-ids-file';
import { resolveExportSource } from './resolve-export-source';
import { ExportRequest, type ExportManifest } from './schemas';
import { sieveVersion } from './sieve-version';
import { markExportRunning, selectExport, selectExtraColumns, selectHasAllText, selectMaxAuditEventId, updateExport } from './sql';
import { toExportRow } from './to-export-row';
import { openWriter } from './writers/open-writer';
import type { ExportRow } from './writers/types';

/** Pairs read and written per step: a few MB of rows (more with vectors), whatever the export's size. */
const BATCH = 5_000;

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
  await fs.mkdir(tmp, { recursive: true });
  const writer = await openWriter(request.format, tmp, { extraColumns, dim: dataset.dim ?? undefined, withText, shardRows: request.shardRows });
  const idsFile = openPairIdsFile(path.join(tmp, PAIR_IDS_FILE));
  let seen = 0;
  let written = 0;
  // The hiding rule's pairs are not in shown_pairs, so never among the rows; the manifest says how many the dataset has.
  const hidden = await countHiddenPairs(db, dataset.id);
  try {
    for await (const { rows, seen: covered } of source.batches(request.rule, { img: npy, txt: withText }, BATCH)) {
      hooks.signal?.throwIfAborted();
      const keep: ExportRow[] = rows.map(toExportRow);
      await writer.write(keep);
      await idsFile.write(keep.map((r) => r.id));
      seen += covered;
      written += keep.length;
      await hooks.onProgress?.(seen, `${written.toLocaleString('en-US')} rows written`);
    }
    const files = await writer.finish();
    await idsFile.close();
    const all = [...files, { path: PAIR_IDS_FILE, rows: written, bytes: (await fs.stat(path.join(tmp, PAIR_IDS_FILE))).size }];
    const manifest: ExportManifest = {
      sieve: { version: sieveVersion() }, exportId, request, dataset: dataset.name, auditEventId, startedAt, finishedAt: new Date().toISOString(),
      rows: written, excluded: { byRule: seen - written, hidden },
      files: await Promise.all(all.map(async (f) => ({ ...f, sha256: await hashFile(path.join(tmp, f.path)) }))),
      notes: [
        ...source.notices,
        ...(written === 0 ? ['The query matched no pair that the rule keeps: the files are valid and empty.'] : []),
        ...(npy ? ['Only pairs with an image embedding are in a .npy export.', ...(withText ? [] : ['text_emb/ is left out: not every pair has a caption embedding.'])] : []),
      ],
    };
    await fs.writeFile(path.join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    const folder = exportFolder(exportId);
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
    return manifest;
  } catch (err) {
    await writer.abort().catch(() => undefined);
    await idsFile.close().catch(() => undefined);
    await fs.rm(tmp, { recursive: true, force: true });
    const reason = (err as NodeJS.ErrnoException).code === 'ENOSPC' ? 'the disk that holds the data folder is full' : toAppError(err).message;
    await updateExport(db, exportId, { state: hooks.signal?.aborted ? 'cancelled' : 'failed', error: reason, finished: true }).catch(() => undefined);
    throw err;
  }
}

