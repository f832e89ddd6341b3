// A local image's thumbnail, made once and kept under the data folder; callers apply the hiding rule first.
import fs from 'node:fs/promises';
import path from 'node:path';
import { makeThumbnail, type ThumbnailSize } from '../images/make-thumbnail';
import { thumbnailFile } from './thumbnail-file';

/** The WebP bytes and their cache key, or null when the file is missing on disk. */
export async function readThumbnail(imagePath: string, size: ThumbnailSize): Promise<{ bytes: Buffer; key: string } | null> {
  const stat = await fs.stat(imagePath).catch(() => null);
  if (!stat?.isFile()) return null;
  const { file, key } = thumbnailFile(imagePath, stat, size);
  const cached = await fs.readFile(file).catch(() => null);
  if (cached) return { bytes: cached, key };
  const bytes = await makeThumbnail(imagePath, size);
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Written aside and renamed, so a concurrent reader never sees half a file.
  const tmp = `${file}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2)}.tmp`;
  await fs.writeFile(tmp, bytes);
  await fs.rename(tmp, file);
  return { bytes, key };
}
