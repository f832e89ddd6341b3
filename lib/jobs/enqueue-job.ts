// Queues background work; asking twice for the same active work (same dedupe key) returns the one job.
import { AppError } from '../errors/app-error';
import type { Queryable } from '../db/client';
import { JOB_KIND_NAMES, type JobKind } from './job-kind';
import type { JobSummary } from './schemas';
import { insertJob, toJobSummary } from './sql';

/**
 * `params` are what the queuing concept already parsed and resolved: they are stored as given, and the worker checks
 * them against its kind before it runs them. `kinds` (tests) queues other kinds than Sieve's, checked at once.
 */
export async function enqueueJob(
  q: Queryable,
  job: { kind: string; params: Record<string, unknown>; dedupeKey?: string; createdBy?: string | null },
  kinds?: Record<string, Pick<JobKind, 'params'>>,
): Promise<{ job: JobSummary; created: boolean }> {
  const known = kinds ? job.kind in kinds : (JOB_KIND_NAMES as readonly string[]).includes(job.kind);
  if (!known) throw new AppError('bad_request', `unknown job kind "${job.kind}"`);
  const params = kinds ? (kinds[job.kind].params.parse(job.params) as Record<string, unknown>) : job.params;
  const { row, created } = await insertJob(q, { ...job, params });
  return { job: toJobSummary(row), created };
}
