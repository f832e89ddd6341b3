// Every flag of these pairs, oldest first, with who raised and who decided each (the admin's evidence file).
import type { Queryable } from '../db/client';
import type { FlagSummary } from './schemas';
import { selectFlagsOfPairs } from './sql';

export function findFlagsOfPairs(q: Queryable, pairIds: number[]): Promise<FlagSummary[]> {
  return pairIds.length ? selectFlagsOfPairs(q, pairIds) : Promise.resolve([]);
}
