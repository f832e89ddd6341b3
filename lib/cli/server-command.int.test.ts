// `sieve server …` on a machine with PostgreSQL: a durable cluster under SIEVE_HOME that Sieve uses without
// DATABASE_URL, that keeps its data across a stop and a start, and that migrate-from-embedded fills row for row.
// Once per CI run: on the plain-server pass (the binaries are there, installed before it), not on Citus or embedded.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDb, type Db } from '../db/client';
import { describeDatabase } from '../db/describe-database';
import { getLocalServerStatus } from '../db/get-local-server-status';
import { localServerUrl, readLocalServer } from '../db/local-server-record';
import { openEmbeddedDatabase } from '../db/open-embedded-database';
import { stopLocalServer } from '../db/stop-local-server';
import { writeEmbeddingFolder, writeLaionParquet } from '../ingest/__fixtures__/write-laion-parquet';
import { main } from './main';

const ENV = ['DATABASE_URL', 'SIEVE_DB_KIND', 'SIEVE_HOME'] as const;
const saved = ENV.map((k) => process.env[k]);
let home: string;

beforeAll(async () => {
  // The cluster runs as the postgres user when the tests run as root: it must be able to reach the folder.
  home = await mkdtemp(join(os.tmpdir(), 'sieve-server-'));
  await chmod(home, 0o755);
  await writeEmbeddingFolder(join(home, 'clip'), [{ rows: 60, dim: 16 }, { rows: 40, dim: 16 }]);
  writeLaionParquet(join(home, 'later.parquet'), 25);
  // No DATABASE_URL: the resolution order itself is under test, inside this fresh data folder only.
  for (const k of ENV) delete process.env[k];
  process.env.SIEVE_HOME = home;
});
afterAll(async () => {
  if (home && readLocalServer()) stopLocalServer();
  ENV.forEach((k, i) => (saved[i] === undefined ? delete process.env[k] : (process.env[k] = saved[i])));
  if (home) await rm(home, { recursive: true, force: true });
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function sieve(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (err += `${a.join(' ')}\n`));
  try {
    return { code: await main(args), out, err };
  } finally {
    vi.restoreAllMocks();
  }
}

async function onLocalServer<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb({ kind: 'server', url: localServerUrl(readLocalServer()!) });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

/** Every table's row count and a digest of its rows (generated columns aside), from the catalog, not from Sieve's list. */
async function snapshot(db: Db): Promise<Record<string, { rows: number; digest: string }>> {
  const tables = await db.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_sieve_migrations' ORDER BY 1",
  );
  const result: Record<string, { rows: number; digest: string }> = {};
  for (const { name } of tables) {
    const [r] = await db.query<{ rows: number; digest: string }>(
      `SELECT count(*)::int AS rows, md5(coalesce(string_agg(x, '|' ORDER BY x), '')) AS digest FROM (SELECT (to_jsonb(t) - 'caption_tsv')::text AS x FROM ${name} t) s`,
    );
    result[name] = r;
  }
  return result;
}

const datasetNames = (db: Db) => db.query<{ name: string; pairs: number }>('SELECT d.name, count(p.id)::int AS pairs FROM datasets d LEFT JOIN pairs p ON p.dataset_id = d.id GROUP BY d.name ORDER BY 1');

describe.skipIf(process.env.SIEVE_TEST_DB === 'embedded' || Boolean(process.env.TEST_SINGLE_DATABASE_URL))('sieve server', () => {
  it('starts a local server that migrate-from-embedded fills with every row, and that Sieve then uses without DATABASE_URL', async () => {
    // Before any server: the embedded database, with pairs and vectors, a user, flags and their audit events.
    expect((await sieve('ingest', join(home, 'clip'), '--dataset', 'moved')).code).toBe(0);
    expect((await sieve('user', 'add', 'curator@example.org', '--role', 'curator')).code).toBe(0);
    expect((await sieve('flag', '--reason', 'sexual', '--pairs', '3,5,8', '--note', 'checked by hand')).code).toBe(0);

    const start = await sieve('server', 'start');
    expect(start.code).toBe(0);
    expect(start.out).toMatch(/local PostgreSQL \d+ server started on 127\.0\.0\.1:\d+, data in .*\/pg \(durable: fsync on\)/);
    expect(start.out).toContain('server migrate-from-embedded');
    expect(getLocalServerStatus()).toMatchObject({ recorded: true, running: true });

    const migrated = await sieve('server', 'migrate-from-embedded');
    expect(migrated.err).toBe('');
    expect(migrated.code).toBe(0);
    expect(migrated.out).toMatch(/^pairs\s+100\s+100$/m);
    expect(migrated.out).toMatch(/^audit_events\s+(\d+)\s+\1$/m);
    expect(migrated.out).toContain('every count matches');

    const embedded = await openEmbeddedDatabase();
    const before = await snapshot(embedded.db).finally(() => embedded.close());
    const after = await onLocalServer(snapshot);
    expect(before.pairs.rows).toBe(100);
    expect(before.flags.rows).toBe(3);
    expect(before.users.rows).toBe(1);
    expect(before.audit_events.rows).toBeGreaterThanOrEqual(4);
    expect(after).toEqual(before);
    await onLocalServer(async (db) => {
      const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pairs WHERE caption_tsv @@ to_tsquery('simple', 'caption')");
      expect(n).toBe(100);
      const indexes = await db.query<{ indexname: string }>("SELECT indexname FROM pg_indexes WHERE indexname LIKE 'pairs_img_emb_hnsw_d%'");
      expect(indexes).toHaveLength(1);
      expect((await db.query<{ fsync: string }>('SHOW fsync'))[0].fsync).toBe('on');
      expect(await describeDatabase(db)).toEqual({ role: 'local-server', label: 'local server' });
    });

    // No DATABASE_URL: the next commands write to the local server, new ids after the copied ones.
    expect((await sieve('ingest', join(home, 'later.parquet'), '--dataset', 'later')).code).toBe(0);
    expect((await sieve('user', 'add', 'second@example.org')).code).toBe(0);
    await onLocalServer(async (db) => {
      expect(await datasetNames(db)).toEqual([{ name: 'later', pairs: 25 }, { name: 'moved', pairs: 100 }]);
      const [ids] = await db.query<{ min_later: number; max_moved: number }>(
        "SELECT min(p.id) FILTER (WHERE d.name = 'later')::int AS min_later, max(p.id) FILTER (WHERE d.name = 'moved')::int AS max_moved FROM pairs p JOIN datasets d ON d.id = p.dataset_id",
      );
      expect(ids.min_later).toBeGreaterThan(ids.max_moved);
    });

    const again = await sieve('server', 'migrate-from-embedded');
    expect(again.code).toBe(75);
    expect(again.err).toMatch(/sieve server: the target database already holds data \(.*pairs.*\): migrate-from-embedded fills an empty database only, so nothing was copied/);
  });

  it('keeps its data across a stop and a start, and a Sieve process starts it again when it is down', async () => {
    const stop = await sieve('server', 'stop');
    expect(stop).toMatchObject({ code: 0, out: 'stopped the local server; its data stays in place\n' });
    expect(getLocalServerStatus()).toMatchObject({ recorded: true, running: false });
    expect((await sieve('server', 'status')).out).toContain('stopped (the next Sieve process starts it)');

    expect((await sieve('server', 'start')).code).toBe(0);
    expect(await onLocalServer(datasetNames)).toEqual([{ name: 'later', pairs: 25 }, { name: 'moved', pairs: 100 }]);

    expect((await sieve('server', 'stop')).code).toBe(0);
    const listed = await sieve('datasets');
    expect(listed.code).toBe(0);
    expect(listed.err).toMatch(/\[sieve\] started the local PostgreSQL server in .*\/pg \(port \d+\)/);
    expect(listed.out).toMatch(/^later\t25 pairs/m);
    expect(listed.out).toMatch(/^moved\t100 pairs/m);
  });
});
