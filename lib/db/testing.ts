// Databases for integration tests: a fresh database on the test server, or an in-memory PGlite.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from './client';
import type { DbKind } from './config';
import { startEmbedded } from './embedded';
import { migrate } from './migrate';

export interface TestDatabase {
  db: Db;
  kind: DbKind;
  url: string;
  close(): Promise<void>;
}

/** SIEVE_TEST_DB picks the back end; scripts/test.sh runs the integration suite once for each. */
export function testDbKind(): DbKind {
  return process.env.SIEVE_TEST_DB === 'embedded' ? 'embedded' : 'server';
}

export async function createTestDatabase(opts: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const kind = testDbKind();
  const t = kind === 'embedded' ? await embedded() : await onServer();
  if (opts.migrate !== false) await migrate(t.db);
  return t;
}

async function embedded(): Promise<TestDatabase> {
  const e = await startEmbedded();
  const db = createDb(e.config);
  return { db, kind: 'embedded', url: e.config.url, close: async () => { await db.close(); await e.close(); } };
}

async function onServer(): Promise<TestDatabase> {
  const admin = process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`, which starts PostgreSQL + pgvector');
  const name = `sieve_test_${randomBytes(6).toString('hex')}`;
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE ${name}`);
  await adminClient.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  const db = createDb({ kind: 'server', url: url.toString() });
  return {
    db,
    kind: 'server',
    url: url.toString(),
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
