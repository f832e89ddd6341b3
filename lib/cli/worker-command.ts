// `sieve worker`: the background job worker in a process of its own. The launcher (scripts/start.ts) runs it beside
// the web server, so an export's encoding or a caption scan never holds the thread that answers requests. SIGTERM
// or SIGINT parks the running job at its next batch boundary; so does the launcher going away.
import type { Db } from '../db/client';
import { startSieveWorker } from '../server/start-server-worker';

export const WORKER_USAGE = `  worker
      run the background jobs (ingests, embeddings, exports, flags, scans) until SIGTERM; \`npm start\` and
      \`npm run demo\` start one beside the web server. A running job parks at its next batch when it stops.`;

/** Below the 30 s that service managers wait after SIGTERM before they send SIGKILL. */
const GRACE_MS = 25_000;

export async function runWorkerCommand(db: Db): Promise<void> {
  const log = (line: string) => console.error(`[jobs] ${line}`);
  const worker = startSieveWorker(db, { log });
  log(`worker started (pid ${process.pid})`);
  const reason = await new Promise<string>((resolve) => {
    // Kept for good: Ctrl-C sends SIGINT to the launcher's whole group and the launcher then sends SIGTERM, and a
    // second signal without a handler would kill the worker mid-batch.
    process.on('SIGTERM', () => resolve('SIGTERM'));
    process.on('SIGINT', () => resolve('SIGINT'));
    // Started with an IPC channel by the launcher: a launcher killed outright leaves no worker behind.
    if (process.send) process.once('disconnect', () => resolve('the launcher is gone'));
  });
  log(`${reason}: stopping (a running job parks at its next batch)`);
  let timer: NodeJS.Timeout | undefined;
  const parked = await Promise.race([
    worker.stop().then(() => true),
    new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), GRACE_MS))),
  ]);
  clearTimeout(timer);
  if (!parked) {
    log(`the running job did not reach a batch boundary within ${GRACE_MS / 1000} s; it resumes at the next start`);
    process.exitCode = 1;
  } else {
    log('worker stopped');
  }
}
