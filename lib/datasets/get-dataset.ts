// One dataset by name, or not_found.
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { DatasetSummary } from './schemas';
import { datasetSelect, toDatasetSummary, type DatasetRow } from './sql';

export async function getDataset(name: string, q: Queryable = getDb()): Promise<DatasetSummary> {
  const [row] = await q.query<DatasetRow>(`${datasetSelect} WHERE d.name = $1`, [name]);
  if (!row) throw new AppError('not_found', `dataset "${name}" does not exist`);
  return toDatasetSummary(row);
}
