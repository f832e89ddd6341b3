// A finished export written again without the pairs hidden since it was made: the same pairs in the same order,
// read through shown_pairs (so a hidden one is left out, and nothing else changes), new files in place of the old,
// a new manifest with new SHA-256s that records the rewrite, and an 'export.rewrite' event naming no URL.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import { resolveDataset } from '../datasets/resolve-dataset';
import { countHiddenPairs } from '../pairs/hiding-sql';
import { partialFolder, removePartials, replaceFolder } from './export-dir';
import { streamPairIds } from './pair-ids-file';
import { checkPairIdsFile, readManifest } from './read-manifest';
import type { RowBatch } from './resolve-export-source';
import { EXPORT_BATCH, rewriteIfHiddenSince, type ExportHooks } from './run-export';
import { ExportRequest, type ExportManifest, type ManifestFile } from './schemas';
import { sieveVersion } from './sieve-version';
import { selectExport, selectExportRows, selectExtraColumns, updateExport } from './sql';
import { writeExportFiles } from './write-export-files';

/** Pair ids an event lists at most: the count says the rest. */
const LISTED_IDS = 1_000;

export async function rewriteExport(db: Db, exportId: number, hooks: ExportHooks = {}): Promise<{ removed: number; manifest: ExportManifest }> {
  const row = await selectExport(db, exportId);
  if (!row || row.state !== 'done' || !row.folder || row.datasetId === null) throw new AppError('conflict', `export ${exportId} is not a finished export`);
  const { folder, datasetId } = { folder: row.folder, datasetId: row.datasetId };
  const manifestFile = path.join(folder, 'manifest.json');
  const old = await readManifest(manifestFile);
  const idsFile = await checkPairIdsFile(manifestFile);
  const request = ExportRequest.parse(row.request);
  const dataset = (await resolveDataset(db, { id: datasetId }))!;
  const withText = old.files.some((f) => f.path.startsWith('text_emb/'));
  const extraColumns = [...(await selectExtraColumns(db, datasetId)), ...(request.rule.keep === 'flagged' ? ['sieve_flags'] : [])];
  const root = path.dirname(folder);
  await removePartials(exportId, root);
  const tmp = partialFolder(exportId, root);
  const at = new Date().toISOString();
  try {
    const removed: number[] = [];
    const { files, written } = await writeExportFiles(tmp, {
      request, dim: dataset.dim, withText, extraColumns, batches: sameIds(db, idsFile, request, withText, removed), ...hooks,
    });
    const manifest: ExportManifest = {
      ...old, sieve: { version: sieveVersion() }, finishedAt: at, rows: written, files,
      excluded: { byRule: old.excluded.byRule, hidden: await countHiddenPairs(db, datasetId) },
      rewrites: [...(old.rewrites ?? []), { at, removed: removed.length }],
      notes: [...old.notes.filter((n) => !n.startsWith('Rewritten ')), `Rewritten ${at.slice(0, 10)} without the pairs hidden since it was made (${removed.length} in all).`],
    };
    await fs.writeFile(path.join(tmp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // The record first: while the old files are still in place the download gate refuses them (they hold a hidden
    // pair), and a failure between here and the swap leaves a state the next 'hiding' job repairs.
    await db.tx(async (tx) => {
      await updateExport(tx, exportId, { rows: written, bytes: files.reduce((n, f) => n + f.bytes, 0), manifest });
      await recordEvent(tx, {
        actor: null, action: 'export.rewrite', subject: `export:${exportId}`, datasetId,
        details: {
          reason: 'hidden', removed: removed.length, pairIds: removed.slice(0, LISTED_IDS), rows: written,
          files: files.map(sums), replaced: old.files.map(sums),
        },
      });
    });
    await replaceFolder(exportId, folder, tmp);
    await rewriteIfHiddenSince(db, { datasetId, folder });
    return { removed: removed.length, manifest };
  } catch (err) {
    await fs.rm(tmp, { recursive: true, force: true });
    throw err;
  }
}

const sums = (f: ManifestFile) => ({ path: f.path, sha256: f.sha256 });

/** The export's own pairs, batch by batch from its pair-ids.bin, as they read now through shown_pairs. */
async function* sameIds(db: Db, file: string, request: ExportRequest, withText: boolean, removed: number[]): AsyncGenerator<RowBatch> {
  const vectors = { img: request.format === 'npy', txt: withText };
  for await (const ids of streamPairIds(file, EXPORT_BATCH)) {
    const rows = await selectExportRows(db, ids, request.rule, vectors, 'every');
    const kept = new Set(rows.map((r) => r.id));
    for (const id of ids) if (!kept.has(id)) removed.push(id);
    yield { rows, seen: ids.length };
  }
}
