// The CLI's failure output against a real database: a cancelled statement and a lost server each give one line and their exit code.
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { writeLaionParquet } from '../ingest/__fixtures__/write-laion-parquet';
import { main } from './main';

const ROWS = 300;

let t: TestDatabase;
let tmp: string;
let parquet: string;
beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await mkdtemp(join(os.tmpdir(), 'sieve-cli-errors-'));
  parquet = join(tmp, 'part-0.parquet');
  writeLaionParquet(parquet, ROWS);
});
afterAll(async () => {
  await t?.close();
  await rm(tmp, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

/** Runs main() the way `npm run sieve` does, against `url`, and returns its exit code and stderr lines. */
async function sieve(args: string[], url = t.url): Promise<{ code: number; lines: string[] }> {
  const saved = { url: process.env.DATABASE_URL, kind: process.env.SIEVE_DB_KIND, home: process.env.SIEVE_HOME };
  Object.assign(process.env, { DATABASE_URL: url, SIEVE_DB_KIND: t.kind, SIEVE_HOME: tmp });
  let err = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  // The pool's idle-client handler logs with console.error; it counts as output too.
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (err += `${a.join(' ')}\n`));
  try {
    const code = await main(args);
    return { code, lines: err.split('\n').filter(Boolean) };
  } finally {
    vi.restoreAllMocks();
    for (const [k, v] of [['DATABASE_URL', saved.url], ['SIEVE_DB_KIND', saved.kind], ['SIEVE_HOME', saved.home]] as const) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

const counts = async (dataset: string) =>
  (
    await t.db.query<{ pairs: number; shards: number }>(
      `SELECT (SELECT count(*) FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = $1)::int AS pairs,
              (SELECT count(*) FROM ingest_shards s JOIN datasets d ON d.id = s.dataset_id WHERE d.name = $1)::int AS shards`,
      [dataset],
    )
  )[0];

const CANCELLED_LINE = (dataset: string) =>
  `sieve ingest: the database cancelled the statement (statement_timeout or pg_cancel_backend) while writing part-0.parquet into dataset "${dataset}"; ` +
  'nothing of that shard was kept: raise statement_timeout if it is set for this database or role, then re-run the same command to resume';

/** Another session holding SHARE on pairs makes the ingest's COPY (or INSERT) wait, as a long-running batch would. */
async function holdPairsLock(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: t.url });
  await c.connect();
  await c.query('BEGIN');
  await c.query('LOCK TABLE pairs IN SHARE MODE');
  return c;
}

async function waitForBlockedInsert(): Promise<number> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const [row] = await t.db.query<{ pid: number }>(
      "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND (query LIKE '%INSERT INTO pairs%' OR query LIKE 'COPY pairs%')",
    );
    if (row) return row.pid;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the ingest never reached its INSERT or COPY');
}

describe('sieve ingest when the database cancels the statement', () => {
  // PGlite runs one backend in WASM: no timer signals, so statement_timeout never fires, and no second
  // backend to lock against or to call pg_cancel_backend from. These two run on the server only.
  it.skipIf(process.env.SIEVE_TEST_DB === 'embedded')('statement_timeout: one line, exit 75, nothing of the shard kept, and a re-run resumes', async () => {
    const name = new URL(t.url).pathname.slice(1);
    const locker = await holdPairsLock();
    // Long enough for migrate and the dataset lookups, far shorter than the lock is held.
    await t.db.query(`ALTER DATABASE ${name} SET statement_timeout = '1s'`);
    try {
      const run = await sieve(['ingest', parquet, '--dataset', 'timeout']);
      expect(run.lines).toEqual([CANCELLED_LINE('timeout')]);
      expect(run.code).toBe(75);
    } finally {
      await t.db.query(`ALTER DATABASE ${name} RESET statement_timeout`);
      await locker.end();
    }
    expect(await counts('timeout')).toEqual({ pairs: 0, shards: 0 });
    const again = await sieve(['ingest', parquet, '--dataset', 'timeout']);
    expect(again.code).toBe(0);
    expect(again.lines.filter((l) => l.startsWith('sieve'))).toEqual([]); // only the progress bar's last line
    expect(await counts('timeout')).toEqual({ pairs: ROWS, shards: 1 });
  });

  it.skipIf(process.env.SIEVE_TEST_DB === 'embedded')('pg_cancel_backend from another session: one line, exit 75; --verbose adds the SQLSTATE', async () => {
    const locker = await holdPairsLock();
    try {
      const running = sieve(['ingest', '--verbose', parquet, '--dataset', 'cancelled']);
      const pid = await waitForBlockedInsert();
      await t.db.query('SELECT pg_cancel_backend($1::int)', [pid]);
      const run = await running;
      expect(run.lines[0]).toBe(CANCELLED_LINE('cancelled'));
      expect(run.lines.join('\n')).toMatch(/caused by: error: canceling statement due to user request/);
      expect(run.lines).toContain('  code: 57014');
      expect(run.code).toBe(75);
    } finally {
      await locker.end();
    }
    expect(await counts('cancelled')).toEqual({ pairs: 0, shards: 0 });
  });

  it.skipIf(process.env.SIEVE_TEST_DB === 'embedded')('pg_terminate_backend mid-shard: the connection is lost, one line, exit 69', async () => {
    const locker = await holdPairsLock();
    try {
      const running = sieve(['ingest', parquet, '--dataset', 'terminated']);
      await t.db.query('SELECT pg_terminate_backend($1::int)', [await waitForBlockedInsert()]);
      const run = await running;
      expect(run.lines).toHaveLength(1);
      expect(run.lines[0]).toMatch(/^sieve ingest: the database is not reachable \(connection refused, lost or shut down\) while writing part-0\.parquet into dataset "terminated"; nothing of that shard was kept: .*re-run the same command to resume$/);
      expect(run.code).toBe(69);
    } finally {
      await locker.end();
    }
    expect(await counts('terminated')).toEqual({ pairs: 0, shards: 0 });
  });

  // PGlite can't cancel (see above), so a trigger raises the same SQLSTATE through the same wire protocol,
  // on both back ends: the path from the error to the line, the exit code and the rollback is the real one.
  it('a query_canceled error raised inside the INSERT: one line, exit 75, nothing of the shard kept', async () => {
    await t.db.query(`CREATE FUNCTION cancel_insert() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'canceling statement due to statement timeout' USING ERRCODE = 'query_canceled'; END $$`);
    // On Citus a trigger goes onto (and off) every shard of pairs only when allowed; a plain server ignores the setting.
    const onPairs = (sql: string) => t.db.tx(async (q) => {
      await q.query('SET LOCAL citus.enable_unsafe_triggers = on');
      await q.query(sql);
    });
    await onPairs('CREATE TRIGGER cancel_insert BEFORE INSERT ON pairs FOR EACH STATEMENT EXECUTE FUNCTION cancel_insert()');
    try {
      const run = await sieve(['ingest', parquet, '--dataset', 'raised', '--keep-going']);
      expect(run.lines).toEqual([CANCELLED_LINE('raised')]);
      expect(run.code).toBe(75);
    } finally {
      await onPairs('DROP TRIGGER cancel_insert ON pairs');
      await t.db.query('DROP FUNCTION cancel_insert()');
    }
    expect(await counts('raised')).toEqual({ pairs: 0, shards: 0 });
  });
});

describe('sieve with the database gone', () => {
  it('a DATABASE_URL on a closed port: one line naming the dataset, exit 69', async () => {
    const port = await closedPort();
    const run = await sieve(['ingest', parquet, '--dataset', 'nowhere'], `postgres://postgres@127.0.0.1:${port}/postgres`);
    expect(run.lines).toEqual([
      'sieve ingest (dataset "nowhere"): The database is not reachable (connection refused, lost or shut down): check that PostgreSQL is running and DATABASE_URL points at it, then try again.',
    ]);
    expect(run.code).toBe(69);
  });
});

/** A port nothing listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}
