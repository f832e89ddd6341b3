// The production build served by `next start` for a benchmark: on 127.0.0.1 only, a free port, the benchmark's
// database, stopped (and waited for) at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

export async function waitForHealth(base: string, server: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (server.exitCode !== null) throw new Error(`the app exited with ${server.exitCode} before it answered`);
    const ok = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the app did not answer /api/health within 2 minutes');
}

export interface RunningApp {
  base: string;
  pid: number;
  /** The app's stderr, for the lines it logged while under load. */
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Starts the build in the current checkout (build it first: scripts/build-app.ts ensureBuild): `next start` itself, or
 * with `launcher` as `npm start` runs it (scripts/start.ts: migrations, and the job worker in its own process).
 */
export async function startApp(o: { env: Record<string, string>; logFile: string; launcher?: boolean }): Promise<RunningApp> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const log = fs.openSync(o.logFile, 'a');
  const args = o.launcher
    ? ['--import', 'tsx', 'scripts/start.ts', 'start']
    : [path.join('node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-H', '127.0.0.1', '-p', String(port)];
  const server = spawn(process.execPath, args, {
    stdio: ['ignore', log, log],
    // As `npm start` runs it: Sieve's own SIGTERM handling answers the requests in flight before it exits.
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NEXT_MANUAL_SIG_HANDLE: 'true', PORT: String(port), SIEVE_LISTEN: '127.0.0.1', ...o.env },
  });
  const exited = new Promise<void>((resolve) => server.once('exit', () => resolve()));
  const stop = async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    fs.closeSync(log);
  };
  try {
    await waitForHealth(base, server);
  } catch (err) {
    await stop();
    throw err;
  }
  return { base, pid: server.pid!, logFile: o.logFile, stop };
}
