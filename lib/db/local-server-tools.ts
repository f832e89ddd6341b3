// PostgreSQL's own programs for the managed local server: where they are, and running them as a user PostgreSQL
// accepts (it refuses to run as root; Debian's package made a `postgres` user, as scripts/postgres.sh relies on).
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { AppError } from '../errors/app-error';

export interface PgTools {
  bindir: string;
  /** Major version, e.g. "15". */
  version: string;
}

const isRoot = () => process.getuid?.() === 0;

/** The newest installed PostgreSQL whose server has pgvector beside it, or null. */
export function findPgTools(root = '/usr/lib/postgresql'): PgTools | null {
  const versions = fs.existsSync(root) ? fs.readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a)) : [];
  for (const version of versions) {
    const bindir = path.join(root, version, 'bin');
    if (!fs.existsSync(path.join(bindir, 'pg_ctl'))) continue;
    const sharedir = `/usr/share/postgresql/${version}`;
    if (fs.existsSync(path.join(sharedir, 'extension', 'vector.control'))) return { bindir, version };
  }
  return null;
}

/** The account the cluster's files belong to and its programs run as. */
export function clusterOwner(): { uid: number; gid: number } | null {
  if (!isRoot()) return null;
  try {
    const [uid, gid] = ['-u', '-g'].map((f) => Number(execFileSync('id', [f, 'postgres'], { encoding: 'utf8' }).trim()));
    return { uid, gid };
  } catch {
    throw new AppError('unavailable', 'PostgreSQL refuses to run as root and this machine has no "postgres" user: run `bash scripts/postgres.sh install`, or run Sieve as another user');
  }
}

/** Runs one of PostgreSQL's programs (as `postgres` when we are root); returns its exit status and output. */
export function runPgTool(tools: PgTools, tool: string, args: string[]): { status: number; output: string } {
  const bin = path.join(tools.bindir, tool);
  const [cmd, argv] = isRoot() ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const r = spawnSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: r.status ?? 1, output: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/** Whether `port` on the loopback is free to listen on now. */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}
