// `sieve server start|stop|status|migrate-from-embedded`: the managed local PostgreSQL under the data folder, which
// every Sieve process then uses without DATABASE_URL.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { createDb, type Db } from '../db/client';
import { dataHome } from '../db/config';
import { copyEmbeddedDatabase } from '../db/copy-embedded-database';
import { getLocalServerStatus } from '../db/get-local-server-status';
import { readLocalServer } from '../db/local-server-record';
import { migrate } from '../db/migrate';
import { openEmbeddedDatabase } from '../db/open-embedded-database';
import { startLocalServer } from '../db/start-local-server';
import { stopLocalServer } from '../db/stop-local-server';
import { findDatasets } from '../datasets/find-datasets';
import { ensureVectorIndexes } from '../datasets/vector-index';

export const SERVER_USAGE = `  server start
      install PostgreSQL and pgvector if missing (scripts/postgres.sh install), create a durable cluster in .sieve/pg
      (SIEVE_HOME) once, start it on a free loopback port and record it: from then on \`npm start\`, \`npm run demo\`
      and every command use it without DATABASE_URL (which, when set, still wins); a recorded server that is down
      is started again by the next Sieve process that needs it
  server stop                     stop the local server (its data stays)
  server status                   whether a local server is recorded and running, and where
  server migrate-from-embedded    copy everything in the embedded database (.sieve/pgdata) into the local server,
                                  which must be empty, then build its vector indexes; checked by counting every table`;

export const SERVER_OPTIONS = {} as const;

const out = (line: string) => void process.stdout.write(`${line}\n`);
const log = (m: string) => void process.stderr.write(`${m}\n`);

export async function runServerCommand([sub]: string[]): Promise<void> {
  switch (sub) {
    case 'start':
      return start();
    case 'stop':
      out(stopLocalServer() ? 'stopped the local server; its data stays in place' : 'the local server was not running');
      return;
    case 'status':
      return status();
    case 'migrate-from-embedded':
      return migrateFromEmbedded();
    default:
      throw new AppError('bad_request', `${sub ? `unknown server command "${sub}"` : 'give a server command'}: start, stop, status or migrate-from-embedded`);
  }
}

async function start(): Promise<void> {
  const s = await startLocalServer({ install: true, log });
  await withDb(s.url, (db) => migrate(db));
  out(`local PostgreSQL ${s.record.version} server ${s.started ? 'started' : 'already running'} on 127.0.0.1:${s.record.port}, data in ${s.dir} (durable: fsync on)`);
  out('Sieve uses it from now on (`npm start`, `npm run demo`, every command); DATABASE_URL, when set, still wins');
  if (process.env.DATABASE_URL) out('note: DATABASE_URL is set in this shell, so Sieve uses that server here, not the local one');
  const embedded = path.join(dataHome(), 'pgdata');
  if (s.created && fs.existsSync(embedded)) {
    out(`the embedded database in ${embedded} stays as it is: \`npm run sieve -- server migrate-from-embedded\` copies its data here`);
  }
}

function status(): void {
  const s = getLocalServerStatus();
  if (!s.recorded) {
    out(`no local server in ${s.dir}; Sieve uses ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'the embedded database'} (\`npm run sieve -- server start\` makes one)`);
    return;
  }
  out(`local PostgreSQL ${s.version} server: ${s.running ? 'running' : 'stopped (the next Sieve process starts it)'} on 127.0.0.1:${s.port}, data in ${s.dir}`);
  out(`url: ${s.url} (password in ${path.join(s.dir, 'server.json')})`);
  out(process.env.DATABASE_URL ? 'DATABASE_URL is set in this shell: Sieve uses that server here, not the local one' : 'Sieve uses it (no DATABASE_URL set)');
}

async function migrateFromEmbedded(): Promise<void> {
  if (!readLocalServer()) throw new AppError('not_found', 'no local server yet: run `npm run sieve -- server start` first');
  if (!fs.existsSync(path.join(dataHome(), 'pgdata'))) throw new AppError('not_found', `there is no embedded database in ${path.join(dataHome(), 'pgdata')} to copy`);
  const local = await startLocalServer();
  const embedded = await openEmbeddedDatabase();
  try {
    await migrate(embedded.db);
    await withDb(local.url, async (db) => {
      await migrate(db);
      out('table                    embedded   local server');
      const report = await copyEmbeddedDatabase(embedded.db, db, { onTable: (t) => out(`${t.table.padEnd(24)} ${String(t.source).padStart(8)}   ${String(t.target).padStart(12)}`) });
      out(`copied ${report.reduce((n, t) => n + t.target, 0)} rows in ${report.length} tables; every count matches`);
      // The server builds each dataset's HNSW graph with its own memory and workers, far faster than PGlite did.
      for (const d of await findDatasets(db)) {
        if (!d.dim) continue;
        const built = await ensureVectorIndexes(db, d.id, d.dim);
        if (built.length) out(`built ${built.join(', ')}`);
      }
    });
  } finally {
    await embedded.close();
  }
  out(`Sieve now uses the local server; the embedded database in ${embedded.dir} was left as it was (remove it once you no longer need it)`);
}

async function withDb<T>(url: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = createDb({ kind: 'server', url });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}
