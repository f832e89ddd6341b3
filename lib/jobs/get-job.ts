// One job by id, or not_found.
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { JobSummary } from './schemas';
import { selectJob, toJobSummary } from './sql';

export async function getJob(id: number, q: Queryable = getDb()): Promise<JobSummary> {
  const row = await selectJob(q, id);
  if (!row) throw new AppError('not_found', `job ${id} does not exist`);
  return toJobSummary(row);
}
