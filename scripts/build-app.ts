// The production build behind `npm run build` and `npm run demo`: built when the sources changed since the
// last build (a content fingerprint kept beside it), with one progress line while Next.js works.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const STAMP = path.join('.next', 'sieve-build.json');
/** What the built app is made of; tests, fixtures and generated code don't change it. */
const INPUT_DIRS = ['app', 'components', 'lib', 'public', 'prisma'];
const INPUT_FILES = ['next.config.js', 'proxy.ts', 'package-lock.json', 'tsconfig.json', 'postcss.config.mjs', 'instrumentation.ts'];
const SKIP = /(\.test\.tsx?$|\.int\.test\.ts$|__fixtures__|[\\/]generated[\\/]|[\\/]migrations[\\/])/;

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((f) => !SKIP.test(f));
}

/** A hash of every input's path and content: a checkout, an edit or an npm install all change it. */
export function sourceFingerprint(): string {
  const hash = createHash('sha256');
  const files = [...INPUT_DIRS.flatMap(listFiles), ...INPUT_FILES.filter((f) => fs.existsSync(f))].sort();
  for (const f of files) hash.update(f).update('\0').update(fs.readFileSync(f)).update('\0');
  return hash.digest('hex');
}

export function isBuildCurrent(fingerprint = sourceFingerprint()): boolean {
  if (!fs.existsSync(path.join('.next', 'BUILD_ID'))) return false;
  try {
    return (JSON.parse(fs.readFileSync(STAMP, 'utf8')) as { fingerprint?: string }).fingerprint === fingerprint;
  } catch {
    return false;
  }
}

function run(command: string, args: string[], onLine: (line: string) => void): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    const feed = (chunk: Buffer) => chunk.toString('utf8').split(/\r?\n/).forEach((l) => l.trim() && onLine(l));
    child.stdout.on('data', feed);
    child.stderr.on('data', feed);
    child.on('close', (code) => resolve(code ?? 1));
  });
}

/** Builds the app; the full Next.js output goes to .sieve/build.log, the terminal gets one live line. */
export async function buildApp(log: (m: string) => void = (m) => console.error(`[sieve] ${m}`)): Promise<void> {
  const logFile = path.join(process.env.SIEVE_HOME ?? '.sieve', 'build.log');
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.createWriteStream(logFile);
  const started = Date.now();
  let phase = 'starting';
  const tty = process.stderr.isTTY;
  const show = () => {
    const line = `building the app (once per change of the sources, about a minute or two): ${Math.round((Date.now() - started) / 1000)} s · ${phase}`;
    if (tty) process.stderr.write(`\r[sieve] ${line.slice(0, (process.stderr.columns ?? 120) - 9)}\x1b[K`);
    else log(line);
  };
  show();
  const ticker = setInterval(show, tty ? 1000 : 15_000);
  const onLine = (l: string) => {
    out.write(`${l}\n`);
    // Next prints its phases ("Creating an optimized production build", "Compiled successfully", …).
    const text = l.replace(/\x1b\[[0-9;]*m/g, '').replace(/^[^\w]+/, '').trim();
    if (text && text.length < 100) phase = text;
  };
  try {
    const steps: [string, string[]][] = [
      [process.execPath, ['scripts/prisma-generate.mjs']],
      [process.execPath, [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'build']],
    ];
    for (const [cmd, args] of steps) {
      const code = await run(cmd, args, onLine);
      if (code !== 0) {
        out.end();
        const tail = fs.readFileSync(logFile, 'utf8').trim().split('\n').slice(-30).join('\n');
        throw new Error(`the build failed (exit ${code}); the last lines of ${logFile}:\n${tail}`);
      }
    }
  } finally {
    clearInterval(ticker);
    if (tty) process.stderr.write('\n');
  }
  out.end();
  // Taken after the build: Next.js may rewrite tsconfig.json while it builds.
  const fingerprint = sourceFingerprint();
  fs.writeFileSync(STAMP, JSON.stringify({ fingerprint, builtAt: new Date().toISOString() }));
  log(`built in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** Builds only when the sources changed since the last build. */
export async function ensureBuild(log?: (m: string) => void): Promise<boolean> {
  if (isBuildCurrent()) return false;
  await buildApp(log);
  return true;
}

// `npm run build`: always build.
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  buildApp().then(
    () => process.exit(0),
    (err: Error) => {
      console.error(`sieve: ${err.message}`);
      process.exit(1);
    },
  );
}
