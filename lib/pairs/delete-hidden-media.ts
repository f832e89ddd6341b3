// The images of hidden pairs (sources, URL twins, look-alikes) leave the disk: each local file (an extracted tar
// member is one), its cached thumbnails, then image_path forgotten, with an event per pair that names no URL or path.
// The 'hiding' job runs it whenever something got hidden; `sieve purge-media` too.
import fs from 'node:fs/promises';
import type { Db } from '../db/client';
import { recordEvents } from '../audit/record-events';
import { selectHiddenImages, type HiddenImage } from './hidden-files-sql';
import { clearImagePaths } from './sql';
import { thumbnailFiles } from './thumbnail-file';

/** Pairs per step: their files deleted, then their paths forgotten in one transaction. */
const BATCH = 500;

export interface MediaDeleted {
  pairIds: number[];
  files: number;
  thumbnails: number;
}

/** Deletes a file; true when it was there. A missing file is what we want; anything else (permissions) stops us. */
export async function removeFile(file: string): Promise<boolean> {
  return fs.rm(file).then(() => true, (e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') return false;
    throw e;
  });
}

/** The files of one local image: its thumbnails first (named by the image's size and mtime), then the image. */
export async function deleteImageFiles(imagePath: string): Promise<{ file: boolean; thumbnails: number }> {
  const stat = await fs.stat(imagePath).catch(() => null);
  let thumbnails = 0;
  if (stat) for (const t of thumbnailFiles(imagePath, stat)) if (await removeFile(t)) thumbnails++;
  return { file: stat ? await removeFile(imagePath) : false, thumbnails };
}

export async function deleteHiddenMedia(db: Db, o: { actor: string | null; ip?: string | null; action: string; signal?: AbortSignal }): Promise<MediaDeleted> {
  const out: MediaDeleted = { pairIds: [], files: 0, thumbnails: 0 };
  for (let after = 0; ; ) {
    o.signal?.throwIfAborted();
    const rows = await selectHiddenImages(db, after, BATCH);
    if (rows.length === 0) return out;
    const done: (HiddenImage & { file: boolean; thumbnails: number })[] = [];
    for (const r of rows) done.push({ ...r, ...(await deleteImageFiles(r.image_path)) });
    await db.tx(async (tx) => {
      await clearImagePaths(tx, rows.map((r) => r.id));
      await recordEvents(tx, done.map((d) => ({
        actor: o.actor, ip: o.ip ?? null, action: o.action, subject: `pair:${d.id}`, datasetId: d.dataset_id,
        details: { reason: 'hidden', files: Number(d.file), thumbnails: d.thumbnails },
      })));
    });
    for (const d of done) {
      out.pairIds.push(d.id);
      out.files += Number(d.file);
      out.thumbnails += d.thumbnails;
    }
    after = rows.at(-1)!.id;
  }
}
