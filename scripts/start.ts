// Launcher behind `npm run demo`, `npm run dev` and `npm start`: opens the database (server or embedded),
// migrates it, loads the demo data when asked, builds the app when its sources changed (demo), then runs Next.js.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toAppError } from '../lib/api/error-response';
import { migrate } from '../lib/db/migrate';
import { openDatabase } from '../lib/db/open-database';
import { queueEmbedding } from '../lib/embeddings/queue-embedding';
import { DEMO_DATASETS, loadDemo } from '../lib/ingest/load-demo';
import { countUsers } from '../lib/auth/count-users';
import { DEMO_ADMIN, ensureDemoAdmin } from '../lib/auth/ensure-demo-admin';
import { readAccess } from '../lib/auth/read-access';
import { ensureBuild, isBuildCurrent } from './build-app';

const mode = process.argv[2] as 'demo' | 'dev' | 'start';
const port = Number(process.env.PORT ?? 3000);
const demo = mode === 'demo' || process.env.SIEVE_DEMO === '1';
// The demo lets anonymous visitors browse; a real deployment needs a session for everything unless told otherwise.
const read = readAccess({ ...process.env, SIEVE_READ: process.env.SIEVE_READ ?? (demo ? 'public' : 'signed-in') });
const log = (m: string) => console.error(`[sieve] ${m}`);

/** Every address this machine answers on, so a newcomer can open the one that works from where they sit. */
function addresses(): string[] {
  const lan = Object.values(os.networkInterfaces()).flat().filter((i) => i && i.family === 'IPv4' && !i.internal).map((i) => i!.address);
  return [`http://localhost:${port}`, `http://127.0.0.1:${port}`, ...lan.map((a) => `http://${a}:${port}`)];
}

async function run(): Promise<number> {
  if (mode === 'demo') await ensureBuild(log);
  if (mode === 'start') {
    if (!fs.existsSync(path.join('.next', 'BUILD_ID'))) {
      console.error('sieve: no production build yet: run `npm run build` first (or `npm run demo`, which builds when needed).');
      return 1;
    }
    if (!isBuildCurrent()) log('note: the sources changed since the last `npm run build`; this serves the older build');
  }
  const open = await openDatabase({ log });
  const home = process.env.SIEVE_HOME ?? '.sieve';
  const where = { embedded: `embedded (PGlite) in ${home}`, 'local-server': `local PostgreSQL server in ${home}/pg (npm run sieve -- server status)`, url: 'PostgreSQL server from DATABASE_URL' };
  log(`database: ${where[open.origin]}`);
  const applied = await migrate(open.db);
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  if (demo) {
    await loadDemo(open.db, log);
    // The server's job worker computes them in the background; the page shows the progress.
    await queueEmbedding(open.db, DEMO_DATASETS(), log);
    await ensureDemoAdmin(open.db);
    log(`demo admin: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password} (sign in at /signin to curate)`);
  }
  if ((await countUsers(open.db)) === 0) {
    log('no accounts yet: add the first admin with `npm run sieve -- user add you@example.org --role admin` (stop Sieve first on the embedded database)');
  }
  log(`reading is ${read === 'public' ? 'public: anonymous visitors browse and search' : 'for signed-in users only'} (SIEVE_READ)`);

  // The app gets its own single connection; the launcher keeps the embedded server alive.
  await open.db.close();
  const next = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), mode === 'dev' ? 'dev' : 'start', '-p', String(port)], {
    stdio: 'inherit',
    env: {
      ...process.env, DATABASE_URL: open.config.url, SIEVE_DB_KIND: open.config.kind, SIEVE_READ: read, NEXT_TELEMETRY_DISABLED: '1',
      // Sieve's own SIGTERM handling (lib/server/handle-shutdown-signals.ts) lets requests and the running job's batch
      // finish and exits 0; the dev server keeps Next.js's.
      ...(mode === 'dev' ? {} : { NEXT_MANUAL_SIG_HANDLE: 'true' }),
    },
  });
  log(`Sieve on ${addresses().join('  ')}`);
  const stop = () => next.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const code = await new Promise<number>((resolve) => next.on('exit', (c, sig) => resolve(c ?? (sig ? 0 : 1))));
  await open.close();
  return code;
}

run().then(
  (code) => process.exit(code),
  (err) => {
    const e = toAppError(err);
    console.error(`sieve: ${e.code === 'internal' ? String(err instanceof Error ? err.message : err) : e.message}`);
    process.exit(1);
  },
);
