// `sieve purge-media --reason csam_suspected`: deletes the local image files (and cached thumbnails) of pairs under an
// open or confirmed flag of that reason, forgets their paths and audits each pair, so the bytes are gone from disk.
import fs from 'node:fs/promises';
import type { Db } from '../db/client';
import { recordEvents } from '../audit/record-events';
import type { Actor } from '../auth/schemas';
import { forgetLocalImages } from '../pairs/clear-image-paths';
import { thumbnailFiles } from '../pairs/thumbnail-file';
import type { FlagReason } from './reasons';
import { selectFlaggedImagePaths } from './sql';

export async function purgeFlaggedMedia(db: Db, actor: Actor, reason: FlagReason): Promise<{ pairs: number; files: number }> {
  const rows = await selectFlaggedImagePaths(db, reason);
  let files = 0;
  for (const r of rows) {
    const stat = await fs.stat(r.image_path).catch(() => null);
    const victims = stat ? [...thumbnailFiles(r.image_path, stat), r.image_path] : [];
    for (const f of victims) {
      // A file already gone is what we want; anything else (permissions) stops the purge before the paths are forgotten.
      await fs.rm(f).then(() => f === r.image_path && files++, (e: NodeJS.ErrnoException) => {
        if (e.code !== 'ENOENT') throw e;
      });
    }
  }
  await db.tx(async (tx) => {
    await forgetLocalImages(tx, rows.map((r) => r.id));
    await recordEvents(tx, rows.map((r) => ({ actor: actor.id, action: 'media.purge', subject: `pair:${r.id}`, datasetId: r.dataset_id, details: { reason, file: r.image_path } })));
  });
  return { pairs: rows.length, files };
}
