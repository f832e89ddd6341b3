// `sieve server stop`: a fast shutdown of the managed local server (open transactions roll back, committed data
// stays); its cluster and record remain, so the next `server start` or Sieve process brings it back as it was.
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { localServerDir, readLocalServer } from './local-server-record';
import { findPgTools, runPgTool } from './local-server-tools';

/** Returns false when it was not running. */
export function stopLocalServer(): boolean {
  const dir = localServerDir();
  if (!readLocalServer()) throw new AppError('not_found', `no local server is recorded in ${dir}: \`npm run sieve -- server start\` makes one`);
  const tools = findPgTools();
  if (!tools) throw new AppError('unavailable', 'PostgreSQL is no longer installed on this machine, so the local server cannot be running');
  const data = path.join(dir, 'data');
  if (runPgTool(tools, 'pg_ctl', ['status', '-D', data]).status !== 0) return false;
  const r = runPgTool(tools, 'pg_ctl', ['stop', '-D', data, '-m', 'fast', '-w', '-t', '120']);
  if (r.status !== 0) throw new AppError('unavailable', `the local server in ${dir} did not stop: ${r.output.split('\n').pop()}`);
  return true;
}
