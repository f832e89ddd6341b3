// `sieve server start`, and the start a Sieve process makes itself when the recorded server is down: installs
// PostgreSQL + pgvector if asked and missing, creates the durable cluster under .sieve/pg once, starts it on the
// loopback and records where it listens.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { AppError } from '../errors/app-error';
import { localServerDir, localServerUrl, readLocalServer, writeLocalServer, type LocalServerRecord } from './local-server-record';
import { clusterOwner, findPgTools, freePort, isPortFree, runPgTool, type PgTools } from './local-server-tools';

const INSTALL_SCRIPT = fileURLToPath(new URL('../../scripts/postgres.sh', import.meta.url));
const DATABASE = 'sieve';

export interface LocalServerStart {
  record: LocalServerRecord;
  url: string;
  dir: string;
  /** The cluster was made by this call (initdb). */
  created: boolean;
  /** It was down and this call started it (false: it was already running). */
  started: boolean;
}

export async function startLocalServer(opts: { install?: boolean; log?: (m: string) => void } = {}): Promise<LocalServerStart> {
  const log = opts.log ?? (() => undefined);
  const dir = localServerDir();
  const tools = findPgTools() ?? (opts.install ? installPostgres(log) : null);
  if (!tools) {
    throw new AppError('unavailable', 'PostgreSQL with pgvector is not installed on this machine: run `npm run sieve -- server start`, which installs it (or `bash scripts/postgres.sh install`)');
  }
  const data = path.join(dir, 'data');
  const existing = readLocalServer();
  const created = !fs.existsSync(path.join(data, 'PG_VERSION'));
  if (!created && existing && existing.version !== tools.version) {
    throw new AppError('unavailable', `the local server in ${dir} was made by PostgreSQL ${existing.version}, and this machine has ${tools.version}: install PostgreSQL ${existing.version} again or dump and restore it`);
  }
  const record: LocalServerRecord = created ? { port: 0, password: randomBytes(18).toString('base64url'), database: DATABASE, version: tools.version } : existing ?? recover(dir);
  if (created) initCluster(tools, dir, record.password, log);
  const running = runPgTool(tools, 'pg_ctl', ['status', '-D', data]).status === 0;
  if (!running) {
    // Keep the recorded port so URLs people copied stay right; take another only when something else holds it.
    record.port = record.port && (await isPortFree(record.port)) ? record.port : await freePort();
    writeLocalServer(record);
    const r = runPgTool(tools, 'pg_ctl', ['start', '-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '120', '-o', `-p ${record.port}`]);
    // Two Sieve processes may start it at once: the loser's pg_ctl fails while the winner's server runs.
    if (r.status !== 0 && runPgTool(tools, 'pg_ctl', ['status', '-D', data]).status !== 0) {
      throw new AppError('unavailable', `the local PostgreSQL server in ${dir} did not start (${lastLine(r.output)}); its log is ${path.join(dir, 'log')}`);
    }
  }
  // The port it really listens on: another process racing this one may have started it on another.
  const port = listeningPort(data);
  if (port && port !== record.port) writeLocalServer({ ...record, port });
  const current = { ...record, port: port ?? record.port };
  await ensureDatabase(current);
  return { record: current, url: localServerUrl(current), dir, created, started: !running };
}

/** The fourth line of a running server's postmaster.pid is its port. */
function listeningPort(data: string): number | null {
  const lines = fs.existsSync(path.join(data, 'postmaster.pid')) ? fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n') : [];
  const port = Number(lines[3]);
  return Number.isInteger(port) && port > 0 ? port : null;
}

function installPostgres(log: (m: string) => void): PgTools {
  log('installing PostgreSQL and pgvector (scripts/postgres.sh install): a few minutes the first time');
  const r = spawnSync('bash', [INSTALL_SCRIPT, 'install'], { stdio: ['ignore', 'inherit', 'inherit'] });
  const tools = findPgTools();
  if (r.status !== 0 || !tools) throw new AppError('unavailable', `installing PostgreSQL and pgvector failed (scripts/postgres.sh install exited ${r.status}); the lines above say why`);
  return tools;
}

/**
 * A durable cluster (fsync and synchronous commit on: PostgreSQL's defaults, unlike the tests' throwaway clusters),
 * listening on 127.0.0.1 only, with a password for TCP logins and no Unix socket (its path could outgrow the limit).
 */
function initCluster(tools: PgTools, dir: string, password: string, log: (m: string) => void): void {
  log(`creating the PostgreSQL ${tools.version} cluster in ${dir}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const owner = clusterOwner();
  if (owner) fs.chownSync(dir, owner.uid, owner.gid);
  const pwfile = path.join(dir, '.initdb-password');
  fs.writeFileSync(pwfile, password, { mode: 0o600 });
  if (owner) fs.chownSync(pwfile, owner.uid, owner.gid);
  try {
    const args = ['-D', path.join(dir, 'data'), '-U', 'postgres', `--pwfile=${pwfile}`, '--auth-host=scram-sha-256', '--auth-local=peer', '-E', 'UTF8', '--locale=C.UTF-8'];
    const r = runPgTool(tools, 'initdb', args);
    if (r.status !== 0) {
      const hint = owner && /permission denied/i.test(r.output) ? `: the "postgres" user must be able to reach ${dir} (chmod o+x its parent folders, or set SIEVE_HOME elsewhere)` : '';
      throw new AppError('unavailable', `initdb failed in ${dir} (${lastLine(r.output)})${hint}`);
    }
  } finally {
    fs.rmSync(pwfile, { force: true });
  }
  fs.appendFileSync(path.join(dir, 'data', 'postgresql.conf'), "\n# Sieve's managed local server\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = ''\n");
}

/** Checked on every start, so a first start cut short between initdb and here heals on the next. */
async function ensureDatabase(record: LocalServerRecord): Promise<void> {
  const c = new pg.Client({ connectionString: localServerUrl(record, 'postgres') });
  await c.connect();
  try {
    const { rows } = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [record.database]);
    if (rows.length === 0) await c.query(`CREATE DATABASE ${record.database}`);
  } finally {
    await c.end();
  }
}

/** A cluster without its record (deleted by hand) can't be logged into: say how to start over rather than guess. */
function recover(dir: string): never {
  throw new AppError('unavailable', `${path.join(dir, 'data')} holds a cluster but ${path.join(dir, 'server.json')} (its port and password) is missing: move ${dir} away and run \`npm run sieve -- server start\` again`);
}

const lastLine = (s: string) => s.split('\n').filter(Boolean).pop() ?? 'no output';
