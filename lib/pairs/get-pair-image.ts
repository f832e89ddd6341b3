// The bytes of a pair's local image, checked by content so the route never serves anything but an image.
import fs from 'node:fs/promises';
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { visibleColumns, type PairRow } from './sql';

const SIGNATURES: { type: string; test: (b: Buffer) => boolean }[] = [
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { type: 'image/gif', test: (b) => b.subarray(0, 4).toString('latin1') === 'GIF8' },
  { type: 'image/webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

export function sniffImageType(bytes: Buffer): string | null {
  return SIGNATURES.find((s) => s.test(bytes))?.type ?? null;
}

export async function getPairImage(id: number, q: Queryable = getDb()): Promise<{ bytes: Buffer; type: string }> {
  const [row] = await q.query<PairRow>(`SELECT ${visibleColumns} FROM pairs p WHERE p.id = $1`, [id]);
  if (!row) throw new AppError('not_found', `pair ${id} does not exist`);
  if (!row.image_path) throw new AppError('not_found', `pair ${id} has no local image`);
  const bytes = await fs.readFile(row.image_path).catch(() => {
    throw new AppError('not_found', `the image file of pair ${id} is missing on disk`);
  });
  const type = sniffImageType(bytes);
  if (!type) throw new AppError('unsupported_media_type', `the file of pair ${id} is not an image Sieve serves`);
  return { bytes, type };
}
