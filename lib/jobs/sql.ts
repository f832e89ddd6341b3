// The jobs concept's SQL: enqueue (deduplicated while active), claim with SKIP LOCKED, progress, finish, requeue.
import type { Queryable } from '../db/client';
import type { JobState, JobSummary } from './schemas';

export interface JobRow {
  id: number; kind: string; params: Record<string, unknown>; state: JobState; done: number; total: number | null;
  message: string | null; error: string | null; result: unknown; cancel_requested: boolean; created_by: string | null;
  created_at: Date; started_at: Date | null; finished_at: Date | null; checkpoint: unknown;
}

const COLUMNS = `id, kind, params, state, done, total, message, error, result, cancel_requested, created_by, created_at, started_at, finished_at, checkpoint`;

export function toJobSummary(r: JobRow): JobSummary {
  return {
    id: r.id, kind: r.kind, params: r.params, state: r.state, done: r.done, total: r.total, message: r.message, error: r.error,
    result: r.result, cancelRequested: r.cancel_requested, createdBy: r.created_by, createdAt: r.created_at.toISOString(),
    startedAt: r.started_at?.toISOString() ?? null, finishedAt: r.finished_at?.toISOString() ?? null,
  };
}

export interface NewJob {
  kind: string;
  params: Record<string, unknown>;
  dedupeKey?: string | null;
  createdBy?: string | null;
  message?: string | null;
}

/** Inserts the job, or returns the active job that already has its dedupe key. */
export async function insertJob(q: Queryable, job: NewJob): Promise<{ row: JobRow; created: boolean }> {
  const [row] = await q.query<JobRow>(
    `INSERT INTO jobs (kind, params, dedupe_key, created_by, message) VALUES ($1, $2::jsonb, $3, $4, $5)
     ON CONFLICT (dedupe_key) WHERE state IN ('queued', 'running') DO NOTHING RETURNING ${COLUMNS}`,
    [job.kind, JSON.stringify(job.params), job.dedupeKey ?? null, job.createdBy ?? null, job.message ?? 'waiting for the worker'],
  );
  if (row) return { row, created: true };
  const [active] = await q.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE dedupe_key = $1 AND state IN ('queued', 'running')`, [job.dedupeKey]);
  return { row: active, created: false };
}

/** Takes the oldest queued job for this worker; SKIP LOCKED lets several workers share the table. */
export async function claimNextJob(q: Queryable): Promise<JobRow | null> {
  const [row] = await q.query<JobRow>(
    `UPDATE jobs SET state = 'running', started_at = coalesce(started_at, now()), heartbeat_at = now(), attempts = attempts + 1
      WHERE id = (SELECT id FROM jobs WHERE state = 'queued' ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)
      RETURNING ${COLUMNS}`,
  );
  return row ?? null;
}

/** Records progress and proves the worker alive; returns whether someone asked to cancel the job. */
export async function updateProgress(q: Queryable, id: number, p: { done?: number; total?: number | null; message?: string }): Promise<boolean> {
  const [row] = await q.query<{ cancel_requested: boolean }>(
    `UPDATE jobs SET done = coalesce($2::bigint, done), total = CASE WHEN $3::boolean THEN $4::bigint ELSE total END,
            message = coalesce($5::text, message), heartbeat_at = now()
      WHERE id = $1 RETURNING cancel_requested`,
    [id, p.done ?? null, p.total !== undefined, p.total ?? null, p.message ?? null],
  );
  return row?.cancel_requested ?? true;
}

export async function finishJob(q: Queryable, id: number, end: { state: Extract<JobState, 'done' | 'failed' | 'cancelled'>; result?: unknown; error?: string; message?: string }): Promise<void> {
  await q.query(
    `UPDATE jobs SET state = $2, result = $3::jsonb, error = $4, message = coalesce($5::text, message), finished_at = now(), heartbeat_at = now()
      WHERE id = $1`,
    [id, end.state, end.result === undefined ? null : JSON.stringify(end.result), end.error ?? null, end.message ?? null],
  );
}

/** Running jobs whose worker went quiet (a killed server) go back to the queue; their handlers resume. */
export async function requeueStaleJobs(q: Queryable, staleSeconds: number): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    `UPDATE jobs SET state = 'queued', message = 'resuming after the worker stopped'
      WHERE state = 'running' AND heartbeat_at < now() - make_interval(secs => $1) RETURNING id`,
    [staleSeconds],
  );
  return rows.map((r) => r.id);
}

/** A running job its worker stopped between batches goes back to the queue, keeping its checkpoint and progress. */
export async function parkJob(q: Queryable, id: number): Promise<boolean> {
  const rows = await q.query(
    `UPDATE jobs SET state = 'queued', message = 'parked at shutdown; resumes from its checkpoint', heartbeat_at = now()
      WHERE id = $1 AND state = 'running' RETURNING id`,
    [id],
  );
  return rows.length > 0;
}

/** A queued job is cancelled at once; a running one is asked to stop and its worker ends it. */
export async function requestCancel(q: Queryable, id: number): Promise<JobRow | null> {
  const [row] = await q.query<JobRow>(
    `UPDATE jobs SET cancel_requested = true,
            state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END,
            finished_at = CASE WHEN state = 'queued' THEN now() ELSE finished_at END
      WHERE id = $1 AND state IN ('queued', 'running') RETURNING ${COLUMNS}`,
    [id],
  );
  return row ?? null;
}

export async function selectJob(q: Queryable, id: number): Promise<JobRow | null> {
  const [row] = await q.query<JobRow>(`SELECT ${COLUMNS} FROM jobs WHERE id = $1`, [id]);
  return row ?? null;
}

export async function selectJobs(q: Queryable, f: { active?: boolean; kind?: string; dedupeKey?: string; limit: number }): Promise<JobRow[]> {
  return q.query<JobRow>(
    `SELECT ${COLUMNS} FROM jobs
      WHERE ($1::boolean IS NOT TRUE OR state IN ('queued', 'running'))
        AND ($2::text IS NULL OR kind = $2) AND ($3::text IS NULL OR dedupe_key = $3)
      ORDER BY id DESC LIMIT $4`,
    [f.active ?? null, f.kind ?? null, f.dedupeKey ?? null, f.limit],
  );
}

/** Where the job resumes after a restart; written after each batch it finished. */
export async function updateCheckpoint(q: Queryable, id: number, checkpoint: unknown): Promise<void> {
  await q.query('UPDATE jobs SET checkpoint = $2::jsonb, heartbeat_at = now() WHERE id = $1', [id, JSON.stringify(checkpoint)]);
}
