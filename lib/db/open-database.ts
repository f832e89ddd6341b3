// Opens the database a process should use: DATABASE_URL's server, else the managed local server that
// `sieve server start` recorded under the data folder, else the project's embedded PGlite.
import { createDb, type Db } from './client';
import { resolveDbConfig, type DbConfig } from './config';
import { localServerDir, readLocalServer } from './local-server-record';
import { openEmbeddedDatabase } from './open-embedded-database';
import { startLocalServer } from './start-local-server';

/** Where the connection came from, for the launcher's and the CLI's log lines. */
export type DbOrigin = 'url' | 'local-server' | 'embedded';

export interface OpenDatabase {
  db: Db;
  config: DbConfig;
  origin: DbOrigin;
  close(): Promise<void>;
}

export async function openDatabase(opts: { port?: number; log?: (m: string) => void } = {}): Promise<OpenDatabase> {
  // A URL always wins: a server, or an embedded database another process already serves.
  const given = resolveDbConfig();
  if (given) return serve(given, 'url');
  if (readLocalServer()) {
    // Recorded but down (a reboot, `server stop`): starting it is what the user wants far more often than an error.
    const local = await startLocalServer();
    if (local.started) (opts.log ?? ((m) => console.error(`[sieve] ${m}`)))(`started the local PostgreSQL server in ${localServerDir()} (port ${local.record.port}); \`npm run sieve -- server stop\` stops it`);
    return serve({ kind: 'server', url: local.url }, 'local-server');
  }
  const embedded = await openEmbeddedDatabase({ port: opts.port });
  return { db: embedded.db, config: embedded.config, origin: 'embedded', close: embedded.close };
}

function serve(config: DbConfig, origin: DbOrigin): OpenDatabase {
  const db = createDb(config);
  return { db, config, origin, close: () => db.close() };
}
