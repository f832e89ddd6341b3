// An export's files, written into a fresh temporary folder: the format's writer fed batch by batch, pair-ids.bin
// beside it, each file's SHA-256. The caller writes the manifest and moves the folder into place; on failure the
// folder is gone.
import fs from 'node:fs/promises';
import path from 'node:path';
import { hashFile } from './hash-file';
import { openPairIdsFile, PAIR_IDS_FILE } from './pair-ids-file';
import type { RowBatch } from './resolve-export-source';
import type { ExportRequest, ManifestFile } from './schemas';
import { toExportRow } from './to-export-row';
import { openWriter } from './writers/open-writer';

export interface ExportFileSpec {
  request: ExportRequest;
  dim: number | null;
  withText: boolean;
  extraColumns: string[];
  batches: AsyncIterable<RowBatch>;
  signal?: AbortSignal;
  onProgress?: (done: number, message: string) => unknown;
}

export async function writeExportFiles(tmp: string, spec: ExportFileSpec): Promise<{ files: ManifestFile[]; written: number; seen: number }> {
  await fs.mkdir(tmp, { recursive: true });
  const writer = await openWriter(spec.request.format, tmp, { extraColumns: spec.extraColumns, dim: spec.dim ?? undefined, withText: spec.withText, shardRows: spec.request.shardRows });
  const idsFile = openPairIdsFile(path.join(tmp, PAIR_IDS_FILE));
  let seen = 0;
  let written = 0;
  try {
    for await (const { rows, seen: covered } of spec.batches) {
      spec.signal?.throwIfAborted();
      const keep = rows.map(toExportRow);
      await writer.write(keep);
      await idsFile.write(keep.map((r) => r.id));
      seen += covered;
      written += keep.length;
      await spec.onProgress?.(seen, `${written.toLocaleString('en-US')} rows written`);
    }
    const made = await writer.finish();
    await idsFile.close();
    const all = [...made, { path: PAIR_IDS_FILE, rows: written, bytes: (await fs.stat(path.join(tmp, PAIR_IDS_FILE))).size }];
    const files = await Promise.all(all.map(async (f) => ({ ...f, sha256: await hashFile(path.join(tmp, f.path)) })));
    return { files, written, seen };
  } catch (err) {
    await writer.abort().catch(() => undefined);
    await idsFile.close().catch(() => undefined);
    await fs.rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
