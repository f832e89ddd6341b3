// Our migrator: applies prisma/migrations/*/migration.sql in order, each in its own transaction, once.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError } from '../errors/app-error';
import { checkPgvector } from './check-pgvector';
import type { Db } from './client';
import { distributeTables } from './distribute';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

// Any constant works; it only has to be the same for every Sieve process racing to migrate.
const MIGRATION_LOCK = 7_310_215;

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Brings the database up to date; safe to run twice and from two processes at once. Returns what it applied. */
export async function migrate(db: Db, migrations = readMigrations()): Promise<string[]> {
  await checkPgvector(db);
  await db.query(`CREATE TABLE IF NOT EXISTS _sieve_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: string[] = [];
  for (const m of migrations) {
    const done = await db.tx(async (q) => {
      await q.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const [row] = await q.query<{ checksum: string }>('SELECT checksum FROM _sieve_migrations WHERE name = $1', [m.name]);
      if (row) {
        if (row.checksum !== m.checksum) {
          throw new AppError('conflict', `migration ${m.name} was changed after it was applied: add a new migration instead of editing an applied one`);
        }
        return false;
      }
      await q.query(m.sql);
      await q.query('INSERT INTO _sieve_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
      return true;
    });
    if (done) applied.push(m.name);
  }
  // On Citus, the tables are sharded once they all exist (a no-op on one server and on later runs).
  await distributeTables(db);
  return applied;
}
