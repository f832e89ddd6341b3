// Cancels a job: a queued one at once, a running one at its next batch (what it already wrote stays).
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { JobSummary } from './schemas';
import { requestCancel, selectJob, toJobSummary } from './sql';

export async function cancelJob(id: number, q: Queryable = getDb()): Promise<JobSummary> {
  const row = await requestCancel(q, id);
  if (row) return toJobSummary(row);
  const existing = await selectJob(q, id);
  if (!existing) throw new AppError('not_found', `job ${id} does not exist`);
  throw new AppError('conflict', `job ${id} is already ${existing.state}`, { job: toJobSummary(existing) });
}
