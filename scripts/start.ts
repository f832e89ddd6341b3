// Launcher behind `npm run demo`, `npm run dev` and `npm start`: opens the database (server or
// embedded), migrates it, loads the demo data when asked, then runs Next.js against it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { toAppError } from '../lib/api/error-response';
import { migrate } from '../lib/db/migrate';
import { openDatabase } from '../lib/db/open-database';
import { loadDemo } from '../lib/ingest/load-demo';

const mode = process.argv[2] as 'demo' | 'dev' | 'start';
const port = Number(process.env.PORT ?? 3000);
const demo = mode === 'demo' || process.env.SIEVE_DEMO === '1';

async function run(): Promise<number> {
  if (mode === 'start' && !fs.existsSync(path.join('.next', 'BUILD_ID'))) {
    console.error('sieve: no production build yet: run `npm run build` first (or `npm run demo` for the dev server).');
    return 1;
  }
  const open = await openDatabase();
  const log = (m: string) => console.error(`[sieve] ${m}`);
  log(`database: ${open.config.kind === 'embedded' ? `embedded (PGlite) in ${process.env.SIEVE_HOME ?? '.sieve'}` : 'PostgreSQL server from DATABASE_URL'}`);
  const applied = await migrate(open.db);
  if (applied.length) log(`applied migrations: ${applied.join(', ')}`);
  if (demo) await loadDemo(open.db, log);

  // The app gets its own single connection; the launcher keeps the embedded server alive.
  await open.db.close();
  const next = spawn(process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), mode === 'start' ? 'start' : 'dev', '-p', String(port)], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: open.config.url, SIEVE_DB_KIND: open.config.kind, NEXT_TELEMETRY_DISABLED: '1' },
  });
  log(`Sieve on http://localhost:${port}`);
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
    console.error(`sieve: ${e.code === 'internal' ? String(err) : e.message}`);
    process.exit(1);
  },
);
