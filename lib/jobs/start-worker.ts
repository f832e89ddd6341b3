// The worker inside the server process: takes queued jobs one at a time, records progress, resumes after restarts.
import { isAppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { classifyDbError } from '../errors/classify-db-error';
import { toAppError } from '../errors/to-app-error';
import type { JobContext, JobKind } from './job-kind';
import { claimNextJob, finishJob, parkJob, requeueStaleJobs, updateCheckpoint, updateProgress, type JobRow } from './sql';

/** How often an idle worker looks for work: jobs are minutes long, a second of latency is invisible. */
const POLL_MS = 1_000;
/** A running job proves its worker alive at least this often… */
const HEARTBEAT_MS = 10_000;
/** …so one silent for this long lost its worker (killed server) and is queued again. */
const STALE_SECONDS = 30;
/** Progress rows are written at most this often; the UI polls every second or two. */
const PROGRESS_WRITE_MS = 500;
/** Progress lines in the terminal, at most this often per job. */
const PROGRESS_LOG_MS = 5_000;

export interface Worker {
  stop(): Promise<void>;
  /** Resolves when no job is queued or running in this worker (tests and scripts). */
  idle(): Promise<void>;
}

export interface WorkerOptions {
  log?: (line: string) => void;
  /** The job kinds this worker runs (all of Sieve's: lib/server/job-kinds.ts). */
  kinds: Record<string, JobKind>;
  pollMs?: number;
  staleSeconds?: number;
}

export function startWorker(db: Db, opts: WorkerOptions): Worker {
  const log = opts.log ?? ((line: string) => console.error(`[jobs] ${line}`));
  const stopping = new AbortController();
  let idleWaiters: (() => void)[] = [];

  // While the database is away the loop keeps polling; it says so once, and once more when the queue is back.
  let queueDown = false;
  const loop = async () => {
    while (!stopping.signal.aborted) {
      let job: JobRow | null = null;
      try {
        const requeued = await requeueStaleJobs(db, opts.staleSeconds ?? STALE_SECONDS);
        for (const id of requeued) log(`job ${id} lost its worker; queued again`);
        job = await claimNextJob(db);
        if (queueDown) log('the job queue is readable again');
        queueDown = false;
      } catch (err) {
        if (!queueDown) log(`cannot read the job queue: ${toAppError(err).message} (retrying every ${(opts.pollMs ?? POLL_MS) / 1000} s)`);
        queueDown = true;
      }
      if (!job) {
        idleWaiters.forEach((w) => w());
        idleWaiters = [];
        await sleep(opts.pollMs ?? POLL_MS, stopping.signal);
        continue;
      }
      await runJob(db, job, opts.kinds, stopping.signal, log);
    }
  };
  const running = loop();

  return {
    async stop() {
      stopping.abort();
      await running;
    },
    idle: () => new Promise<void>((resolve) => idleWaiters.push(resolve)),
  };
}

async function runJob(db: Db, job: JobRow, kinds: Record<string, JobKind>, stopping: AbortSignal, log: (line: string) => void): Promise<void> {
  const kind = kinds[job.kind];
  if (!kind) {
    await finishJob(db, job.id, { state: 'failed', error: `unknown job kind "${job.kind}"` });
    return;
  }
  // The job's edge: its stored parameters are checked against its kind here, once, and handed on parsed.
  const parsed = kind.params.safeParse(job.params);
  const name = `job ${job.id} (${parsed.success ? kind.describe(parsed.data) : 'bad parameters'})`;
  if (!parsed.success) {
    await finishJob(db, job.id, { state: 'failed', error: `bad parameters: ${toAppError(parsed.error).message}` });
    return;
  }
  const cancel = new AbortController();
  const onStop = () => cancel.abort(new Error('worker stopping'));
  stopping.addEventListener('abort', onStop);
  let lastWrite = 0;
  let lastLog = 0;
  const checkIn = async (p: { done?: number; total?: number | null; message?: string }) => {
    if (await updateProgress(db, job.id, p)) cancel.abort(new Error('cancelled'));
  };
  const heartbeat = setInterval(() => void checkIn({}).catch(() => undefined), HEARTBEAT_MS);
  const ctx: JobContext<unknown> = {
    id: job.id,
    params: parsed.data,
    db,
    createdBy: job.created_by,
    checkpoint: job.checkpoint ?? null,
    saveCheckpoint: (value) => updateCheckpoint(db, job.id, value),
    signal: cancel.signal,
    async progress(done, total, message) {
      const now = Date.now();
      if (now - lastLog >= PROGRESS_LOG_MS || done === total) {
        lastLog = now;
        log(`${name}: ${message ?? `${done}/${total ?? '?'}`}`);
      }
      if (now - lastWrite < PROGRESS_WRITE_MS && done !== total) return;
      lastWrite = now;
      await checkIn({ done, total, message });
    },
  };
  log(`${name}: started`);
  try {
    const result = await kind.run(ctx);
    // The last progress line stays as the message: it says what the job did ("1,500/1,500 pairs flagged…").
    await finishJob(db, job.id, { state: 'done', result: result ?? null });
    log(`${name}: done`);
  } catch (err) {
    if (stopping.aborted) {
      // Stopped at a batch boundary: queued again with its checkpoint, so the next start resumes it at once instead
      // of waiting for it to look stale. If even that write fails (the database went too), staleness still catches it.
      const parked = await parkJob(db, job.id).catch(() => false);
      log(`${name}: ${parked ? 'parked by shutdown' : 'interrupted by shutdown'}; it resumes at the next start`);
    } else if (classifyDbError(err)?.kind === 'connection_lost') {
      // Not the job's fault: it resumes from its checkpoint once the database is back (queued now if the database
      // already answers again, else left 'running' for the stale-job sweep to queue).
      const parked = await parkJob(db, job.id).catch(() => false);
      log(`${name}: lost the database; it resumes ${parked ? 'now' : 'when the database is back'}`);
    } else if (cancel.signal.aborted) {
      await finishJob(db, job.id, { state: 'cancelled', message: 'cancelled; what it already wrote stays' });
      log(`${name}: cancelled`);
    } else {
      const e = toAppError(err);
      if (!isAppError(err)) console.error(`[jobs] ${name} failed:`, err);
      await finishJob(db, job.id, { state: 'failed', error: e.message }).catch(() => undefined);
      log(`${name}: failed: ${e.message}`);
    }
  } finally {
    clearInterval(heartbeat);
    stopping.removeEventListener('abort', onStop);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
