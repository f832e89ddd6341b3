// The database handle every concept uses: one pg pool and transactions.
import pg from 'pg';
import type { DbConfig, DbKind } from './config';
import { guardPoolClients } from './guard-pool-clients';
import { copyInto } from './copy-into';

export interface Queryable {
  /**
   * `prepared` names a statement a hot path runs with the same text on every call: a PostgreSQL server parses and
   * plans it once per connection (a quarter of a millisecond saved per call). The embedded database ignores it.
   */
  query<T = Record<string, unknown>>(sql: string, params?: unknown[], opts?: { prepared?: string }): Promise<T[]>;
  /**
   * Inside a transaction on a PostgreSQL server: streams `chunks` into `COPY … FROM STDIN` and returns the rows
   * copied. Absent on the embedded database, whose PGlite dies on COPY FROM STDIN (callers insert instead).
   */
  copyFrom?(sql: string, chunks: AsyncIterable<Buffer>): Promise<number>;
}

export interface Db extends Queryable {
  kind: DbKind;
  pool: pg.Pool;
  /**
   * Runs fn in one transaction on one connection; rolls back if it throws. `prelude` (SET LOCAL statements, no
   * parameters) goes out with BEGIN in one round trip.
   */
  tx<T>(fn: (q: Queryable) => Promise<T>, opts?: { prelude?: string }): Promise<T>;
  close(): Promise<void>;
}

// Pair ids are bigserial; they stay far below 2^53, and plain numbers are what JSON and URLs want.
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

/** A new connection to a server that does not answer gives up after this long, so a request answers 503 instead of hanging. */
const CONNECT_TIMEOUT_MS = 5_000;
/** An idle-looking socket is probed after this long, so a statement whose server vanished without a word ends too. */
const KEEPALIVE_DELAY_MS = 10_000;

/**
 * Timeouts for a PostgreSQL server. The connect timeout is set on each connection, not on the pool: pg-pool would
 * also apply it to waiting for a free pooled connection, failing requests that merely queue behind a long export.
 * No statement timeout here: HNSW builds and exports legitimately run for minutes. A server that stops (even
 * `pg_ctl stop -m immediate`) closes its sockets, so statements in flight fail at once; keepalive covers a host
 * that disappears silently. The embedded database lives in the launcher's process: none of this applies.
 */
function failFast(kind: DbKind): Partial<pg.PoolConfig> {
  if (kind !== 'server') return {};
  class Client extends pg.Client {
    constructor(c: pg.ClientConfig) {
      super({ ...c, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    }
  }
  // pg-pool calls `new Client(poolOptions)`; its typings declare the constructor without arguments.
  return { Client: Client as unknown as pg.PoolConfig['Client'], keepAlive: true, keepAliveInitialDelayMillis: KEEPALIVE_DELAY_MS };
}

/**
 * Connections a server process keeps to a PostgreSQL server. Under 50 concurrent clients (`npm run loadtest`) the
 * requests mostly waited for a pooled connection, not for CPU: 10 gave 92 requests/s, 25 gave 150.
 */
export const DEFAULT_POOL_SIZE = 20;

export function createDb(config: DbConfig): Db {
  // PGlite is one session shared by every connection: a second pooled connection would see
  // (and break) another one's open transaction, so the embedded database gets exactly one.
  const max = config.kind === 'embedded' ? 1 : Number(process.env.SIEVE_DB_POOL ?? DEFAULT_POOL_SIZE);
  // JIT compiles plans whose estimated cost is high, and the hiding rule's per-row subplans look costly: a 5,000-row
  // read spent 476 of its 508 ms compiling (bench/export.bench.ts). Sieve's queries are index lookups; JIT never pays.
  // On Citus, a SET LOCAL (hnsw.ef_search, maintenance_work_mem) reaches the shards' sessions only with
  // propagate_set_commands = local; a server without Citus keeps it as an unused placeholder setting.
  const options = config.kind === 'server' ? '-c jit=off -c citus.propagate_set_commands=local' : undefined;
  const pool = new pg.Pool({ connectionString: config.url, max, types, idleTimeoutMillis: 30_000, options, ...failFast(config.kind) });
  pool.on('error', (err) => console.error('[db] idle client error:', err.message));
  guardPoolClients(pool);
  let closing: Promise<void> | undefined;

  const run = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params?: unknown[], opts?: { prepared?: string }) => {
    const name = config.kind === 'server' ? opts?.prepared : undefined;
    return (await (name ? client.query({ name, text: sql, values: params as unknown[] }) : client.query(sql, params as unknown[]))).rows as T[];
  };

  return {
    kind: config.kind,
    pool,
    query: (sql, params, opts) => run(pool, sql, params, opts),
    async tx(fn, opts) {
      const client = await pool.connect();
      try {
        await client.query(opts?.prelude ? `BEGIN; ${opts.prelude}` : 'BEGIN');
        const result = await fn({
          query: (sql, params, opts) => run(client, sql, params, opts),
          ...(config.kind === 'server' ? { copyFrom: (sql: string, chunks: AsyncIterable<Buffer>) => copyInto(client, sql, chunks) } : {}),
        });
        await client.query('COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    // Idempotent: the launcher closes its handle before Next.js starts and again on exit, and pg-pool throws on a
    // second end().
    close() {
      closing ??= (async () => {
        await pool.end();
      })();
      return closing;
    },
  };
}
