// The job worker beside the web server, in a process of its own (`sieve worker`): the thread that answers requests
// never runs a job. Restarted if it dies; stopped with SIGTERM, which parks its running job at a batch boundary.
import { spawn, type ChildProcess } from 'node:child_process';

const RESTART_DELAY_MS = 5_000;

export interface SupervisedWorker {
  /** Stops the worker (and any pending restart); resolves with its exit code. */
  stop(): Promise<number>;
}

export function superviseWorker(env: NodeJS.ProcessEnv, log: (m: string) => void): SupervisedWorker {
  let child: ChildProcess | undefined;
  let exited: Promise<number> = Promise.resolve(0);
  let stopping = false;
  let restart: NodeJS.Timeout | undefined;
  const start = () => {
    // An IPC channel, so the worker sees the launcher go even if the launcher is killed outright.
    const c = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', 'worker'], { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child = c;
    exited = new Promise((resolve) => c.once('exit', (code, signal) => {
      if (!stopping) {
        log(`the job worker exited (${signal ?? `code ${code}`}); starting it again in ${RESTART_DELAY_MS / 1000} s`);
        restart = setTimeout(start, RESTART_DELAY_MS);
      }
      resolve(code ?? (signal === 'SIGTERM' || signal === 'SIGINT' ? 0 : 1));
    }));
  };
  start();
  return {
    async stop() {
      stopping = true;
      clearTimeout(restart);
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
