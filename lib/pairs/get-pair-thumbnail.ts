// A pair's local image as a small WebP, made once and kept under the data folder; hidden pairs have none.
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { ThumbnailSize } from '../images/make-thumbnail';
import { readThumbnail } from './read-thumbnail';
import { visibleColumns, type PairRow } from './sql';

export async function getPairThumbnail(id: number, size: ThumbnailSize, q: Queryable = getDb()): Promise<{ bytes: Buffer; etag: string }> {
  // Read through the hiding rule on every request: a cached file of a pair hidden since is never served.
  const [row] = await q.query<PairRow>(`SELECT ${visibleColumns} FROM shown_pairs p WHERE p.id = $1`, [id]);
  if (!row) throw new AppError('not_found', `pair ${id} does not exist`);
  if (!row.image_path) throw new AppError('not_found', `pair ${id} has no local image`);
  const thumb = await readThumbnail(row.image_path, size);
  if (!thumb) throw new AppError('not_found', `the image file of pair ${id} is missing on disk`);
  return { bytes: thumb.bytes, etag: `"${thumb.key}"` };
}
