// The dataset a request means: the one it names, the one a pair belongs to, or else the first one.
import { AppError } from '../errors/app-error';
import type { Queryable } from '../db/client';
import type { DatasetRecord } from './schemas';

const SELECT = 'SELECT id, name, model, dim FROM datasets';

/** A named dataset that does not exist is not_found; null only when there is no dataset at all (or no such id). */
export async function resolveDataset(q: Queryable, by: { name?: string; id?: number } = {}): Promise<DatasetRecord | null> {
  if (by.name !== undefined) {
    const [named] = await q.query<DatasetRecord>(`${SELECT} WHERE name = $1`, [by.name]);
    if (!named) throw new AppError('not_found', `dataset "${by.name}" does not exist`);
    return named;
  }
  const [row] = by.id !== undefined ? await q.query<DatasetRecord>(`${SELECT} WHERE id = $1`, [by.id]) : await q.query<DatasetRecord>(`${SELECT} ORDER BY id LIMIT 1`);
  return row ?? null;
}
