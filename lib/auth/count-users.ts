// How many accounts exist: a fresh Sieve with none says how to make the first admin.
import type { Queryable } from '../db/client';
import { countUserRows } from './sql';

export function countUsers(q: Queryable): Promise<number> {
  return countUserRows(q);
}
