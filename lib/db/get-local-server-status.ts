// `sieve server status`: whether a local server is recorded for this data folder, running, and where.
import fs from 'node:fs';
import path from 'node:path';
import { localServerDir, localServerUrl, readLocalServer } from './local-server-record';
import { findPgTools, runPgTool } from './local-server-tools';

export interface LocalServerStatus {
  dir: string;
  recorded: boolean;
  running: boolean;
  port?: number;
  version?: string;
  /** With the password masked: for showing, not connecting. */
  url?: string;
}

export function getLocalServerStatus(): LocalServerStatus {
  const dir = localServerDir();
  const record = readLocalServer();
  if (!record) return { dir, recorded: false, running: false };
  const tools = findPgTools();
  const data = path.join(dir, 'data');
  const running = Boolean(tools && fs.existsSync(data) && runPgTool(tools, 'pg_ctl', ['status', '-D', data]).status === 0);
  const url = localServerUrl(record).replace(encodeURIComponent(record.password), '***');
  return { dir, recorded: true, running, port: record.port, version: record.version, url };
}
