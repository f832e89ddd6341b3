// The pairs of a dataset the hiding rule hides now, by id: what a file written earlier (an export) must not hold.
import type { Queryable } from '../db/client';
import { selectHiddenPairIdsOf } from './hidden-files-sql';

export function findHiddenPairIds(q: Queryable, datasetId: number): Promise<number[]> {
  return selectHiddenPairIdsOf(q, datasetId);
}
