// One pair with every metadata field, or not_found.
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { PairDetail } from './schemas';
import { detailColumns, toPairDetail, type PairDetailRow } from './sql';

export async function getPair(id: number, q: Queryable = getDb()): Promise<PairDetail> {
  const [row] = await q.query<PairDetailRow>(`SELECT ${detailColumns} FROM shown_pairs p WHERE p.id = $1`, [id]);
  if (!row) throw new AppError('not_found', `pair ${id} does not exist`);
  return toPairDetail(row);
}
