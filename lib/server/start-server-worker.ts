// The worker with every kind of Sieve's jobs, and the server process's one worker on the process-wide database handle.
import { getDb } from '../db/get-db';
import type { Db } from '../db/client';
import { startWorker, type Worker, type WorkerOptions } from '../jobs/start-worker';
import { JOB_KINDS } from './job-kinds';

export const startSieveWorker = (db: Db, opts: Partial<WorkerOptions> = {}): Worker => startWorker(db, { kinds: JOB_KINDS, ...opts });

const holder = globalThis as typeof globalThis & { __sieveWorker?: Worker };

export function startServerWorker(): Worker {
  if (holder.__sieveWorker) return holder.__sieveWorker;
  const worker = startSieveWorker(getDb());
  holder.__sieveWorker = worker;
  // Stopped by lib/server/handle-shutdown-signals.ts, which parks its job at a batch boundary.
  return worker;
}
