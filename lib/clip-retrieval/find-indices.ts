// GET /indices-list: the index names a clip-retrieval client may pick from; Sieve's datasets, oldest first.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { selectIndexNames } from './sql';

export async function findIndices(q: Queryable = getDb()): Promise<string[]> {
  return selectIndexNames(q);
}
