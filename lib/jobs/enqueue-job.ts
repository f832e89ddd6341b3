// Queues background work; asking twice for the same active work (same dedupe key) returns the one job.
import { AppError } from '../errors/app-error';
import type { Queryable } from '../db/client';
import { JOB_KINDS, type JobKind } from './job-kinds';
import type { JobSummary } from './schemas';
import { insertJob, toJobSummary } from './sql';

export async function enqueueJob(
  q: Queryable,
  job: { kind: string; params: Record<string, unknown>; dedupeKey?: string; createdBy?: string | null },
  kinds: Record<string, JobKind> = JOB_KINDS,
): Promise<{ job: JobSummary; created: boolean }> {
  const kind = kinds[job.kind];
  if (!kind) throw new AppError('bad_request', `unknown job kind "${job.kind}"`);
  const params = kind.params.parse(job.params) as Record<string, unknown>;
  const { row, created } = await insertJob(q, { ...job, params });
  return { job: toJobSummary(row), created };
}
