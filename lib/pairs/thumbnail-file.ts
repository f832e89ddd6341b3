// Where a local image's thumbnail is cached: named by the file's path, size and mtime, so a replaced image gets a new one.
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { dataHome } from '../db/config';
import { THUMBNAIL_SIZES, type ThumbnailSize } from '../images/make-thumbnail';

export const thumbnailsRoot = () => path.join(dataHome(), 'thumbnails');

export function thumbnailFile(imagePath: string, stat: Pick<Stats, 'size' | 'mtimeMs'>, size: ThumbnailSize): { file: string; key: string } {
  const key = createHash('sha256').update(`${imagePath}\0${stat.size}\0${stat.mtimeMs}\0${size}`).digest('hex').slice(0, 32);
  return { file: path.join(thumbnailsRoot(), key.slice(0, 2), `${key}.webp`), key };
}

/** Every cached thumbnail a local image may have. */
export const thumbnailFiles = (imagePath: string, stat: Pick<Stats, 'size' | 'mtimeMs'>) => THUMBNAIL_SIZES.map((s) => thumbnailFile(imagePath, stat, s).file);
