// The server process's one worker, on the process-wide database handle, stopped cleanly on shutdown.
import { getDb } from '../db/get-db';
import { startWorker, type Worker } from './start-worker';

const holder = globalThis as typeof globalThis & { __sieveWorker?: Worker };

export function startServerWorker(): Worker {
  if (holder.__sieveWorker) return holder.__sieveWorker;
  const worker = startWorker(getDb());
  holder.__sieveWorker = worker;
  // A job interrupted here is left 'running' without heartbeats and resumes at the next start.
  const stop = () => void worker.stop();
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  return worker;
}
