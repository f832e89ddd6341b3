// The bytes of a pair's local image, checked by content so the route never serves anything but an image.
import fs from 'node:fs/promises';
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { visibleColumns, type PairRow } from './sql';
import { sniffImageType } from '../images/sniff-image-type';

export async function getPairImage(id: number, q: Queryable = getDb()): Promise<{ bytes: Buffer; type: string }> {
  const [row] = await q.query<PairRow>(`SELECT ${visibleColumns} FROM shown_pairs p WHERE p.id = $1`, [id]);
  if (!row) throw new AppError('not_found', `pair ${id} does not exist`);
  if (!row.image_path) throw new AppError('not_found', `pair ${id} has no local image`);
  const bytes = await fs.readFile(row.image_path).catch(() => {
    throw new AppError('not_found', `the image file of pair ${id} is missing on disk`);
  });
  const type = sniffImageType(bytes);
  if (!type) throw new AppError('unsupported_media_type', `the file of pair ${id} is not an image Sieve serves`);
  return { bytes, type };
}
