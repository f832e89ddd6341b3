// Cached thumbnails that belong to no current image (a hidden pair's, an image since deleted or replaced) are
// deleted: every shown pair's local image names the thumbnails it may have, and any other file under thumbnails/ goes.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/client';
import { THUMBNAIL_SIZES } from '../images/make-thumbnail';
import { selectShownImagePaths } from './hidden-files-sql';
import { removeFile } from './delete-hidden-media';
import { thumbnailFile, thumbnailsRoot } from './thumbnail-file';

const PAGE = 2_000;
// The first 48 bits of a 128-bit name, as a number: a million images' names fit in a few tens of MB, and a stray
// file sharing a kept prefix by chance (one in 10^8 at a million images) is merely kept.
const prefix = (key: string) => parseInt(key.slice(0, 12), 16);

export async function deleteOrphanThumbnails(db: Db, signal?: AbortSignal): Promise<number> {
  const kept = new Set<number>();
  for (let after = 0; ; ) {
    signal?.throwIfAborted();
    const rows = await selectShownImagePaths(db, after, PAGE);
    if (rows.length === 0) break;
    await Promise.all(rows.map(async (r) => {
      const stat = await fs.stat(r.image_path).catch(() => null);
      if (stat) for (const size of THUMBNAIL_SIZES) kept.add(prefix(thumbnailFile(r.image_path, stat, size).key));
    }));
    after = rows.at(-1)!.id;
  }
  let deleted = 0;
  const root = thumbnailsRoot();
  for (const dir of await fs.readdir(root).catch(() => [] as string[])) {
    for (const name of await fs.readdir(path.join(root, dir)).catch(() => [] as string[])) {
      const m = /^([0-9a-f]{32})\.webp$/.exec(name);
      if (m && !kept.has(prefix(m[1])) && (await removeFile(path.join(root, dir, name)))) deleted++;
    }
  }
  return deleted;
}
