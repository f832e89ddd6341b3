// Every flag of a shown pair, oldest first, with who raised and who decided it. A hidden pair's flags are read in
// the review queue only.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { assertShownPair } from '../pairs/assert-shown-pair';
import type { FlagSummary } from './schemas';
import { selectFlagsOfPairs } from './sql';

export async function findPairFlags(pairId: number, q: Queryable = getDb()): Promise<FlagSummary[]> {
  await assertShownPair(q, pairId);
  return selectFlagsOfPairs(q, [pairId]);
}
