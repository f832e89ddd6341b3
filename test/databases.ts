// Databases for integration tests: a fresh database on the test server (a plain PostgreSQL or a Citus cluster's
// coordinator), or an in-memory PGlite.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDb, type Db } from '../lib/db/client';
import type { DbKind } from '../lib/db/config';
import { startEmbedded } from '../lib/db/embedded';
import { migrate } from '../lib/db/migrate';

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

/** `server` picks another server than TEST_DATABASE_URL's (its admin URL), e.g. a plain one beside a Citus cluster. */
export async function createTestDatabase(opts: { migrate?: boolean; server?: string } = {}): Promise<TestDatabase> {
  const kind = opts.server ? 'server' : testDbKind();
  const t = kind === 'embedded' ? await embedded() : await onServer(opts.server);
  if (opts.migrate !== false) await migrate(t.db);
  return t;
}

async function embedded(): Promise<TestDatabase> {
  const e = await startEmbedded();
  const db = createDb(e.config);
  return { db, kind: 'embedded', url: e.config.url, close: async () => { await db.close(); await e.close(); } };
}

async function onServer(server?: string): Promise<TestDatabase> {
  const admin = server ?? process.env.TEST_DATABASE_URL;
  if (!admin) throw new Error('TEST_DATABASE_URL is not set: run the tests with `npm test`, which starts PostgreSQL + pgvector');
  const name = `sieve_test_${randomBytes(6).toString('hex')}`;
  const adminClient = new pg.Client({ connectionString: admin });
  await adminClient.connect();
  await adminClient.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  try {
    const workers = await citusWorkers(adminClient);
    if (workers) await setUpCitus(url, workers);
  } finally {
    await adminClient.end();
  }
  const db = createDb({ kind: 'server', url: url.toString() });
  return {
    db,
    kind: 'server',
    url: url.toString(),
    async close() {
      await db.close();
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        // On Citus the maintenance daemon may be connecting to a database only milliseconds old, which FORCE does not
        // end (it is no client backend): try again while the database is still in use.
        for (let attempt = 1; ; attempt++) {
          try {
            await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
            break;
          } catch (err) {
            if ((err as { code?: string }).code !== '55006' || attempt === 20) throw err;
            await new Promise((r) => setTimeout(r, 250));
          }
        }
      } finally {
        await c.end();
      }
    },
  };
}

interface Node { host: string; port: number }

/** The cluster's workers when the test server is a Citus coordinator, else null. */
async function citusWorkers(admin: pg.Client): Promise<Node[] | null> {
  const { rows } = await admin.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'");
  if (rows.length === 0) return null;
  return (await admin.query<{ host: string; port: number }>('SELECT nodename AS host, nodeport AS port FROM pg_dist_node WHERE groupid <> 0 ORDER BY nodeid')).rows;
}

/**
 * Citus keeps its node list per database: the new database needs the extension on every worker first, then on the
 * coordinator with the workers added (scripts/citus.sh createdb does the same from the shell).
 */
async function setUpCitus(url: URL, workers: Node[]): Promise<void> {
  const run = async (target: URL, sql: string[]) => {
    const c = new pg.Client({ connectionString: target.toString() });
    await c.connect();
    try {
      for (const s of sql) await c.query(s);
    } finally {
      await c.end();
    }
  };
  await Promise.all(workers.map((w) => { const u = new URL(url); u.hostname = w.host; u.port = String(w.port); return run(u, ['CREATE EXTENSION citus']); }));
  await run(url, [
    'CREATE EXTENSION citus',
    `SELECT citus_set_coordinator_host('${url.hostname}', ${Number(url.port)})`,
    ...workers.map((w) => `SELECT citus_add_node('${w.host}', ${w.port})`),
    'CREATE EXTENSION vector',
  ]);
}
