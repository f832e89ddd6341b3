// Every user, oldest first (the admin page and `sieve user list`).
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { UserSummary } from './schemas';
import { selectUsers } from './sql';

export function findUsers(q: Queryable = getDb()): Promise<UserSummary[]> {
  return selectUsers(q);
}
