// The process-wide database handle for the app and the CLI, configured from the environment.
import { AppError } from '../errors/app-error';
import { createDb, type Db } from './client';
import { resolveDbConfig } from './config';

// Next.js may load this module once per route bundle; the handle lives on globalThis so the
// process keeps one pool (one connection for the embedded database).
const holder = globalThis as typeof globalThis & { __sieveDb?: Db };

export function getDb(): Db {
  if (holder.__sieveDb) return holder.__sieveDb;
  const config = resolveDbConfig();
  if (!config) {
    throw new AppError('unavailable', 'No database configured: start Sieve with `npm run demo` or `npm start`, or set DATABASE_URL.');
  }
  holder.__sieveDb = createDb(config);
  return holder.__sieveDb;
}

/** For tests, which open their own database (embedded or a throwaway server database). */
export function setDb(db: Db | undefined): void {
  holder.__sieveDb = db;
}

/** At shutdown: ends the process-wide pool, if one was opened, once its clients are back. */
export async function closeDb(): Promise<void> {
  const db = holder.__sieveDb;
  holder.__sieveDb = undefined;
  await db?.close();
}
