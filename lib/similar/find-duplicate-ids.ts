// The ids of a pair's whole duplicate group, the pair itself first: for acting on all of it at once (flagging).
import type { Db, Queryable } from '../db/client';
import { matchDuplicates } from './match-duplicates';

/** Best called inside the caller's transaction; given the database handle itself, it opens one (the search settings are SET LOCAL). */
export async function findDuplicateIds(q: Queryable, id: number): Promise<number[]> {
  const run = async (tx: Queryable) => [id, ...(await matchDuplicates(tx, id)).matches.map((m) => m.id)];
  return isDb(q) ? q.tx(run) : run(q);
}

const isDb = (q: Queryable): q is Db => typeof (q as Partial<Db>).tx === 'function';
