// Which of Sieve's three kinds of database a handle talks to, for /api/health and the page header.
import type { Db } from './client';
import { detectEngine } from './distribute';
import { localServerUrl, readLocalServer } from './local-server-record';

export type DatabaseRole = 'embedded' | 'local-server' | 'server' | 'citus';

export const DATABASE_LABELS: Record<DatabaseRole, string> = {
  embedded: 'embedded',
  'local-server': 'local server',
  server: 'PostgreSQL server',
  citus: 'Citus',
};

/** The managed local server is recognised by its recorded address, however the URL reached this process. */
export async function describeDatabase(db: Db): Promise<{ role: DatabaseRole; label: string }> {
  const role = await roleOf(db);
  return { role, label: DATABASE_LABELS[role] };
}

async function roleOf(db: Db): Promise<DatabaseRole> {
  if (db.kind === 'embedded') return 'embedded';
  if ((await detectEngine(db)) === 'citus') return 'citus';
  const local = readLocalServer();
  const url = (db.pool.options as { connectionString?: string }).connectionString;
  return local && url && sameServer(url, localServerUrl(local)) ? 'local-server' : 'server';
}

function sameServer(a: string, b: string): boolean {
  try {
    const [x, y] = [new URL(a), new URL(b)];
    const host = (h: string) => (h === 'localhost' ? '127.0.0.1' : h);
    return host(x.hostname) === host(y.hostname) && x.port === y.port && x.pathname === y.pathname;
  } catch {
    return false;
  }
}
