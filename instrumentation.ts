// Runs once when the Next.js server starts: the background job worker lives inside the server process.
export async function register(): Promise<void> {
  // Not in the edge runtime, not while `next build` prerenders, not without a database to work on.
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  if (!process.env.DATABASE_URL || process.env.SIEVE_WORKER === 'off') return;
  const { startServerWorker } = await import('./lib/jobs/start-server-worker');
  startServerWorker();
}
