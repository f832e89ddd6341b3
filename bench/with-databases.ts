// Benchmarks run on both back ends: a throwaway PostgreSQL + pgvector cluster and the embedded PGlite.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../test/databases';

export type Backend = 'server' | 'embedded';

/** Starts a cluster with scripts/postgres.sh unless TEST_DATABASE_URL names one; returns the stop function. */
export function ensureServer(): () => void {
  if (process.env.TEST_DATABASE_URL) return () => undefined;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sieve-bench-pg-'));
  const out = execFileSync('bash', ['scripts/postgres.sh', 'start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.env.TEST_DATABASE_URL = out.trim().split('\n').pop();
  return () => execFileSync('bash', ['scripts/postgres.sh', 'stop', dir], { stdio: 'inherit' });
}

/** A fresh, migrated database of the given kind for one benchmark. */
export async function benchDatabase(kind: Backend): Promise<TestDatabase> {
  process.env.SIEVE_TEST_DB = kind;
  return createTestDatabase();
}
