// Every dataset with its pair count, oldest first.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { DatasetSummary } from './schemas';
import { datasetSelect, toDatasetSummary, type DatasetRow } from './sql';

export async function findDatasets(q: Queryable = getDb()): Promise<DatasetSummary[]> {
  const rows = await q.query<DatasetRow>(`${datasetSelect} ORDER BY d.id`);
  return rows.map(toDatasetSummary);
}
