// Test support: a PostgreSQL cluster of the test's own (scripts/postgres.sh), which the test may kill and restart.
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface OwnCluster {
  url: string;
  /** `pg_ctl stop -m immediate`: every backend dies at once, no checkpoint, as in a crash of PostgreSQL itself. */
  kill(): Promise<void>;
  /** Starts it again on the same port (crash recovery replays the WAL) and waits until it accepts connections. */
  restart(): Promise<void>;
  remove(): Promise<void>;
}

/**
 * Durable settings (SIEVE_PG_DURABLE=1: fsync and synchronous_commit on), so a commit acknowledged before the kill
 * is one PostgreSQL promised to keep; scripts/postgres.sh's fast default (synchronous_commit off) may lose the last
 * commits of an immediate stop, which is what that setting means.
 */
export async function startOwnCluster(): Promise<OwnCluster> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sieve-fault-pg-'));
  const script = path.resolve('scripts/postgres.sh');
  const { stdout } = await run('bash', [script, 'start', dir], { env: { ...process.env, SIEVE_PG_DURABLE: '1' } });
  const url = stdout.trim().split('\n').at(-1)!;
  const port = new URL(url).port;
  const bin = await pgBin();
  const asOwner = (args: string[]) =>
    process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', path.join(bin, 'pg_ctl'), ...args]) : run(path.join(bin, 'pg_ctl'), args);
  const data = path.join(dir, 'data');
  return {
    url,
    kill: async () => void (await asOwner(['-D', data, '-m', 'immediate', '-w', 'stop'])),
    restart: async () =>
      void (await asOwner(['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=200`, 'start'])),
    remove: async () => void (await run('bash', [script, 'stop', dir])),
  };
}

async function pgBin(): Promise<string> {
  const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(a) - Number(b));
  return path.join('/usr/lib/postgresql', versions.at(-1)!, 'bin');
}
