// A pair's local image as a small WebP, made once and kept under the data folder; hidden pairs have none.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { dataHome } from '../db/config';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { makeThumbnail, type ThumbnailSize } from '../images/make-thumbnail';
import { visibleColumns, type PairRow } from './sql';

export async function getPairThumbnail(id: number, size: ThumbnailSize, q: Queryable = getDb()): Promise<{ bytes: Buffer; etag: string }> {
  // Read through the hiding rule on every request: a cached file of a pair hidden since is never served.
  const [row] = await q.query<PairRow>(`SELECT ${visibleColumns} FROM pairs p WHERE p.id = $1`, [id]);
  if (!row) throw new AppError('not_found', `pair ${id} does not exist`);
  if (!row.image_path) throw new AppError('not_found', `pair ${id} has no local image`);
  const stat = await fs.stat(row.image_path).catch(() => null);
  if (!stat?.isFile()) throw new AppError('not_found', `the image file of pair ${id} is missing on disk`);
  // The file's path, size and mtime name the thumbnail: a replaced image gets a new one.
  const key = createHash('sha256').update(`${row.image_path}\0${stat.size}\0${stat.mtimeMs}\0${size}`).digest('hex').slice(0, 32);
  const file = path.join(dataHome(), 'thumbnails', key.slice(0, 2), `${key}.webp`);
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
