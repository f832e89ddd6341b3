'use client';
import { useHealth } from './queries/use-health';

const HINTS: Record<string, string> = {
  embedded: 'The embedded database (PGlite): for the demo and small datasets. `npm run sieve -- server start` gives a local PostgreSQL.',
  'local-server': 'The local PostgreSQL server Sieve manages under its data folder (`npm run sieve -- server status`).',
  server: 'A PostgreSQL server (DATABASE_URL).',
  citus: 'A Citus cluster (DATABASE_URL).',
};

/** The header's quiet note of which database answers, so nobody mistakes the demo's embedded one for their server. */
export function DatabaseBadge() {
  const database = useHealth().data?.database;
  if (!database) return null;
  return (
    <span data-testid="database-badge" title={HINTS[database.role]} className="hidden shrink-0 text-xs text-neutral-500 md:inline dark:text-neutral-400">
      {database.label}
    </span>
  );
}
