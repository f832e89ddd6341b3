// Which database Sieve talks to: a PostgreSQL server (DATABASE_URL) or the embedded PGlite.
import path from 'node:path';

export type DbKind = 'server' | 'embedded';

export interface DbConfig {
  kind: DbKind;
  /** Connection string; for the embedded database, the local socket the launcher serves it on. */
  url: string;
}

/** Project folder for everything Sieve keeps on disk (embedded database, extracted images, model cache). */
export function dataHome(env: NodeJS.ProcessEnv = process.env): string {
  // A runtime folder, not part of the build: the ignore keeps Next's file tracer from sweeping in the project.
  return path.resolve(/* turbopackIgnore: true */ env.SIEVE_HOME ?? '.sieve');
}

/**
 * The launcher serves the embedded database on a local port and passes it down as
 * DATABASE_URL with SIEVE_DB_KIND=embedded, so the app uses one client code path for both.
 */
export function resolveDbConfig(env: NodeJS.ProcessEnv = process.env): DbConfig | null {
  const url = env.DATABASE_URL;
  if (!url) return null;
  return { kind: env.SIEVE_DB_KIND === 'embedded' ? 'embedded' : 'server', url };
}
