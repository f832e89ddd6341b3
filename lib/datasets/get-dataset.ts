// One dataset by name, or not_found.
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { DatasetSummary } from './schemas';
import { selectDatasets } from './sql';

export async function getDataset(name: string, q: Queryable = getDb()): Promise<DatasetSummary> {
  const [row] = await selectDatasets(q, 'd.name = $1', [name]);
  if (!row) throw new AppError('not_found', `dataset "${name}" does not exist`);
  return row;
}
