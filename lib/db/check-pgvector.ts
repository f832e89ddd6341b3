// Sieve needs halfvec and iterative index scans: pgvector 0.7 at least, 0.8 for filtered search.
import { AppError } from '../errors/app-error';
import type { Queryable } from './client';

export const MIN_PGVECTOR = [0, 7, 0] as const;

const parse = (v: string) => v.split('.').map((n) => Number.parseInt(n, 10) || 0);

export function isVersionAtLeast(version: string, min: readonly number[]): boolean {
  const v = parse(version);
  for (let i = 0; i < min.length; i++) {
    if ((v[i] ?? 0) !== min[i]) return (v[i] ?? 0) > min[i];
  }
  return true;
}

/** Returns the installed pgvector version, or throws a message that says how to get it. */
export async function checkPgvector(q: Queryable): Promise<string> {
  const [installed] = await q.query<{ extversion: string }>("SELECT extversion FROM pg_extension WHERE extname = 'vector'");
  const [available] = await q.query<{ default_version: string }>("SELECT default_version FROM pg_available_extensions WHERE name = 'vector'");
  const version = installed?.extversion ?? available?.default_version;
  if (!version) {
    throw new AppError('unavailable', 'The pgvector extension is not installed on this PostgreSQL server. Install pgvector ≥ 0.7 (scripts/postgres.sh shows how) or run without DATABASE_URL to use the embedded database.', { dbError: 'missing_extension' });
  }
  if (!isVersionAtLeast(version, MIN_PGVECTOR)) {
    throw new AppError('unavailable', `pgvector ${version} is too old: Sieve needs ${MIN_PGVECTOR.join('.')} or newer (halfvec). Upgrade it with ALTER EXTENSION vector UPDATE after installing a newer build.`, { dbError: 'missing_extension' });
  }
  return version;
}
