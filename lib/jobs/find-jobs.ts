// Lists jobs, newest first: all of them, or only those still queued or running.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { FindJobsQuery, type JobSummary } from './schemas';
import { selectJobs, toJobSummary } from './sql';

export async function findJobs(raw: Partial<FindJobsQuery> & { dedupeKey?: string } = {}, q: Queryable = getDb()): Promise<JobSummary[]> {
  const f = FindJobsQuery.parse(raw);
  return (await selectJobs(q, { ...f, dedupeKey: raw.dedupeKey })).map(toJobSummary);
}
