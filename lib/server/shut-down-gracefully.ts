// A graceful stop of the server process: no new connections, the requests in flight answered, the running job
// parked at its next batch boundary; whatever is still busy when the grace period ends is cut off.
import type { Worker } from '../jobs/start-worker';
import type { RequestTracker } from './track-requests';

/** Below the 30 s that systemd, Docker and Kubernetes wait after SIGTERM before they send SIGKILL. */
const GRACE_MS = 25_000;

export interface ShutdownOptions {
  tracker: RequestTracker;
  worker?: Worker;
  graceMs?: number;
  log?: (line: string) => void;
}

export interface ShutdownOutcome {
  /** Every request in flight got its answer within the grace period. */
  requestsFinished: boolean;
  /** The worker stopped (its job parked, or none was running) within the grace period. */
  workerStopped: boolean;
}

export async function shutDownGracefully(o: ShutdownOptions): Promise<ShutdownOutcome> {
  const log = o.log ?? ((line: string) => console.error(`[sieve] ${line}`));
  // close() stops listening and drops idle keep-alive connections; busy ones end after their answer.
  for (const server of o.tracker.servers) {
    server.close();
    server.closeIdleConnections();
  }
  const pending = o.tracker.inFlight();
  log(`shutting down: no new requests; waiting for ${pending} in flight${o.worker ? ' and for the job worker (a running job parks at its next batch)' : ''}`);
  const grace = o.graceMs ?? GRACE_MS;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), grace)));
  const within = (p: Promise<unknown>) => Promise.race([p.then(() => true as const), expired]);
  const [requestsFinished, workerStopped] = await Promise.all([within(o.tracker.drained()), within(o.worker?.stop() ?? Promise.resolve())]);
  clearTimeout(timer);
  for (const server of o.tracker.servers) server.closeAllConnections();
  if (!requestsFinished) log(`shutting down: ${o.tracker.inFlight()} requests still running after ${grace / 1000} s were cut off`);
  if (!workerStopped) log(`shutting down: the running job did not reach a batch boundary within ${grace / 1000} s; it resumes at the next start`);
  return { requestsFinished, workerStopped };
}
