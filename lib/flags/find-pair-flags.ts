// Every flag of a pair, oldest first, with who raised and who decided it.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { FlagSummary } from './schemas';
import { selectFlagsOfPairs } from './sql';

export function findPairFlags(pairId: number, q: Queryable = getDb()): Promise<FlagSummary[]> {
  return selectFlagsOfPairs(q, [pairId]);
}
