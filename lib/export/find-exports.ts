// The latest exports, newest first, for /exports.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { ExportSummary } from './schemas';
import { selectExports } from './sql';

export function findExports(limit = 100, q: Queryable = getDb()): Promise<ExportSummary[]> {
  return selectExports(q, limit);
}
