// Opens the database a process should use: DATABASE_URL's server, or the project's embedded PGlite.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { createDb, type Db } from './client';
import { dataHome, resolveDbConfig, type DbConfig } from './config';
import { startEmbedded } from './embedded';

export interface OpenDatabase {
  db: Db;
  config: DbConfig;
  close(): Promise<void>;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite's data folder must have one owner process: two PGlite instances writing it would corrupt
 * it. A pid file claims it; a stale one (dead pid) is taken over.
 */
function claimDataDir(dir: string): () => void {
  const lock = `${dir}.lock`;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  const pid = Number.parseInt(fs.existsSync(lock) ? fs.readFileSync(lock, 'utf8') : '', 10);
  if (pid && pid !== process.pid && alive(pid)) {
    throw new AppError('conflict', `The embedded database in ${dir} is in use by another Sieve process (pid ${pid}). Stop it first, or use a PostgreSQL server with DATABASE_URL.`);
  }
  fs.writeFileSync(lock, String(process.pid));
  return () => fs.rmSync(lock, { force: true });
}

export async function openDatabase(opts: { port?: number } = {}): Promise<OpenDatabase> {
  // A URL always wins: a server, or an embedded database another process already serves.
  const given = resolveDbConfig();
  if (given) {
    const db = createDb(given);
    return { db, config: given, close: () => db.close() };
  }
  const dir = path.join(dataHome(), 'pgdata');
  const release = claimDataDir(dir);
  try {
    const embedded = await startEmbedded({ dataDir: dir, port: opts.port });
    const db = createDb(embedded.config);
    return {
      db,
      config: embedded.config,
      async close() {
        await db.close();
        await embedded.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
