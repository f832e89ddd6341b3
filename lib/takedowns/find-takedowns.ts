// Requests for /takedowns: overdue first, then by due date.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { TakedownSummary } from './schemas';
import { countOverdue, selectTakedowns } from './sql';

export async function findTakedowns(q: Queryable = getDb()): Promise<{ takedowns: TakedownSummary[]; overdue: number }> {
  return { takedowns: await selectTakedowns(q, 500), overdue: await countOverdue(q) };
}
