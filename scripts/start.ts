// Launcher behind `npm run demo`, `npm run dev` and `npm start`: opens the database (server or embedded),
// migrates it, loads the demo data when asked, builds the app when its sources changed (demo), then runs Next.js.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { toAppError } from '../lib/errors/to-app-error';
import { migrate } from '../lib/db/migrate';
import { openDatabase } from '../lib/db/open-database';
import { queueEmbedding } from '../lib/embeddings/queue-embedding';
import { DEMO_DATASETS, loadDemo } from '../lib/ingest/load-demo';
import { countUsers } from '../lib/auth/count-users';
import { DEMO_ADMIN, ensureDemoAdmin } from '../lib/auth/ensure-demo-admin';
import { readAccess } from '../lib/auth/read-access';
import { ensureBuild, isBuildCurrent } from './build-app';
import { superviseWorker, type SupervisedWorker } from './supervise-worker';

const mode = process.argv[2] as 'demo' | 'dev' | 'start';
const port = Number(process.env.PORT ?? 3000);
const demo = mode === 'demo' || process.env.SIEVE_DEMO === '1';
// The demo lets anonymous visitors browse; a real deployment needs a session for everything unless told otherwise.
const read = readAccess({ ...process.env, SIEVE_READ: process.env.SIEVE_READ ?? (demo ? 'public' : 'signed-in') });
const log = (m: string) => console.error(`[sieve] ${m}`);

/** Every address this machine answers on, so a newcomer can open the one that works from where they sit. */
function addresses(): string[] {
  if (process.env.SIEVE_LISTEN) return [`http://${process.env.SIEVE_LISTEN.includes(':') ? `[${process.env.SIEVE_LISTEN}]` : process.env.SIEVE_LISTEN}:${port}`];
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
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: open.config.url, SIEVE_DB_KIND: open.config.kind, SIEVE_READ: read, NEXT_TELEMETRY_DISABLED: '1' };
  // The job worker runs in its own process, so no job holds the thread that answers requests; the dev server keeps
  // it in-process, where it reloads with the code. SIEVE_WORKER=off runs none (another machine runs `sieve worker`).
  const ownWorker = mode !== 'dev' && process.env.SIEVE_WORKER !== 'off';
  const next = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), mode === 'dev' ? 'dev' : 'start', '-p', String(port), ...(process.env.SIEVE_LISTEN ? ['-H', process.env.SIEVE_LISTEN] : [])], {
    stdio: 'inherit',
    env: {
      ...env,
      ...(ownWorker ? { SIEVE_WORKER: 'off' } : {}),
      // Sieve's own SIGTERM handling (lib/server/handle-shutdown-signals.ts) lets requests finish and exits 0; the dev
      // server keeps Next.js's.
      ...(mode === 'dev' ? {} : { NEXT_MANUAL_SIG_HANDLE: 'true' }),
    },
  });
  const worker: SupervisedWorker | undefined = ownWorker ? superviseWorker(env, log) : undefined;
  log(`Sieve on ${addresses().join('  ')}`);
  // Both at once: each has the service manager's grace period (30 s) to finish its requests or park its job.
  const stop = () => {
    next.kill('SIGTERM');
    void worker?.stop();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  const nextCode = await new Promise<number>((resolve) => next.on('exit', (c, sig) => resolve(c ?? (sig ? 0 : 1))));
  // The web server is down (asked to stop, or it failed): the worker stops too, if it is not stopping already.
  const workerCode = (await worker?.stop()) ?? 0;
  const code = nextCode || workerCode;
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
