// Runs once when the Next.js server starts: a SIGTERM lets the requests in flight finish before the process exits.
// The launcher (scripts/start.ts) runs the job worker in a process of its own and sets SIEVE_WORKER=off here; a bare
// `next start` or `npm run dev` keeps it in this process, where a running job's batch also finishes first.
export async function register(): Promise<void> {
  // Not in the edge runtime, not while `next build` prerenders.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  // First: every request from now on carries its client's address, which the client can't choose.
  const { stampClientAddress } = await import('./lib/server/stamp-client-address');
  stampClientAddress();
  const { handleShutdownSignals } = await import('./lib/server/handle-shutdown-signals');
  // No worker without a database to work on.
  if (!process.env.DATABASE_URL || process.env.SIEVE_WORKER === 'off') return handleShutdownSignals(undefined);
  const { startServerWorker } = await import('./lib/server/start-server-worker');
  handleShutdownSignals(startServerWorker());
}
