// The server process's one worker, on the process-wide database handle.
import { getDb } from '../db/get-db';
import { startWorker, type Worker } from './start-worker';

const holder = globalThis as typeof globalThis & { __sieveWorker?: Worker };

export function startServerWorker(): Worker {
  if (holder.__sieveWorker) return holder.__sieveWorker;
  const worker = startWorker(getDb());
  holder.__sieveWorker = worker;
  // Stopped by lib/server/handle-shutdown-signals.ts, which parks its job at a batch boundary.
  return worker;
}
