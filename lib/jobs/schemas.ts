// Client-safe shapes of background jobs: states, the summary the API returns, and list filters.
import { z } from 'zod';
import { PathId } from '../errors/path-id';

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const JobState = z.enum(JOB_STATES);
export type JobState = z.infer<typeof JobState>;

/** States in which a job still has work to do; the rest are final. */
export const ACTIVE_STATES: readonly JobState[] = ['queued', 'running'];

export interface JobSummary {
  id: number;
  kind: string;
  params: Record<string, unknown>;
  state: JobState;
  done: number;
  total: number | null;
  /** What the job is doing now, in words (e.g. "caption embeddings 120/1,008"). */
  message: string | null;
  error: string | null;
  result: unknown;
  cancelRequested: boolean;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

// A query string says '1' or 'true'; lib callers pass a boolean.
const flag = z.union([z.boolean(), z.enum(['1', '0', 'true', 'false']).transform((v) => v === '1' || v === 'true')]);

export const FindJobsQuery = z.object({
  /** Only queued and running jobs. */
  active: flag.optional(),
  kind: z.string().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type FindJobsQuery = z.infer<typeof FindJobsQuery>;

export const JobIdParams = z.object({ id: PathId });
