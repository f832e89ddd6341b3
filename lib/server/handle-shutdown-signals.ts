// SIGTERM and SIGINT in the server process: finish what is in flight, park the job, close the pool, exit 0.
import { closeDb } from '../db/get-db';
import type { Worker } from '../jobs/start-worker';
import { shutDownGracefully } from './shut-down-gracefully';
import { trackRequests } from './track-requests';

/**
 * Next.js handles these signals itself unless NEXT_MANUAL_SIG_HANDLE is set: it closes its server and exits with
 * 143 without waiting for anything of ours, so a job's batch may be cut short. The launcher (scripts/start.ts) sets
 * the variable and this takes over. Under a bare `next start`, Next.js keeps the signals and the worker only gets
 * the chance to park its job before Next.js exits; a job that misses it resumes once its heartbeat is stale.
 */
export function handleShutdownSignals(worker: Worker | undefined): void {
  const log = (line: string) => console.error(`[sieve] ${line}`);
  if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
    const stop = () => void worker?.stop();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return;
  }
  const tracker = trackRequests();
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (started) return;
    started = true;
    void (async () => {
      log(`${signal}: stopping`);
      const outcome = await shutDownGracefully({ tracker, worker, log });
      await closeDb().catch((err: unknown) => log(`closing the database pool: ${err instanceof Error ? err.message : String(err)}`));
      const clean = outcome.requestsFinished && outcome.workerStopped;
      log(clean ? 'stopped' : 'stopped with work cut off (see above)');
      process.exit(clean ? 0 : 1);
    })();
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
