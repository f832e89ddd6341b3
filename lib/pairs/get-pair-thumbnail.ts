// A pair's local image as a small WebP, made once and kept under the data folder; hidden pairs have none.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { makeThumbnail, type ThumbnailSize } from '../images/make-thumbnail';
import { visibleColumns, type PairRow } from './sql';
import { thumbnailFile } from './thumbnail-file';

export async function getPairThumbnail(id: number, size: ThumbnailSize, q: Queryable = getDb()): Promise<{ bytes: Buffer; etag: string }> {
  // Read through the hiding rule on every request: a cached file of a pair hidden since is never served.
  const [row] = await q.query<PairRow>(`SELECT ${visibleColumns} FROM pairs p WHERE p.id = $1`, [id]);
  if (!row) throw new AppError('not_found', `pair ${id} does not exist`);
  if (!row.image_path) throw new AppError('not_found', `pair ${id} has no local image`);
  const stat = await fs.stat(row.image_path).catch(() => null);
  if (!stat?.isFile()) throw new AppError('not_found', `the image file of pair ${id} is missing on disk`);
  const { file, key } = thumbnailFile(row.image_path, stat, size);
  const cached = await fs.readFile(file).catch(() => null);
  if (cached) return { bytes: cached, etag: `"${key}"` };
  const bytes = await makeThumbnail(row.image_path, size);
  await fs.mkdir(path.dirname(file), { recursive: true });
  // Written aside and renamed, so a concurrent reader never sees half a file.
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  await fs.writeFile(tmp, bytes);
  await fs.rename(tmp, file);
  return { bytes, etag: `"${key}"` };
}
