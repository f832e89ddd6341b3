// Every dataset with its pair count, oldest first.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { DatasetSummary } from './schemas';
import { selectDatasets } from './sql';

export async function findDatasets(q: Queryable = getDb()): Promise<DatasetSummary[]> {
  return selectDatasets(q);
}
