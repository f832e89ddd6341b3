// Opens the project's embedded PGlite (.sieve/pgdata), claimed by this process alone, and serves it on a local port.
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { createDb, type Db } from './client';
import { dataHome, type DbConfig } from './config';
import { startEmbedded } from './embedded';

export interface OpenEmbedded {
  db: Db;
  config: DbConfig;
  dir: string;
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

export async function openEmbeddedDatabase(opts: { port?: number } = {}): Promise<OpenEmbedded> {
  const dir = path.join(dataHome(), 'pgdata');
  const release = claimDataDir(dir);
  try {
    const embedded = await startEmbedded({ dataDir: dir, port: opts.port });
    const db = createDb(embedded.config);
    return {
      db,
      config: embedded.config,
      dir,
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
