// The managed local PostgreSQL's place under the data folder and its record (port, password, database), which
// `sieve server start` writes and every Sieve process reads to find the server without DATABASE_URL.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { dataHome } from './config';

export const LocalServerRecord = z.object({
  port: z.number().int().min(1).max(65_535),
  password: z.string().min(16),
  database: z.string().min(1),
  /** PostgreSQL's major version the cluster was created with: its data folder only opens with that one. */
  version: z.string(),
});
export type LocalServerRecord = z.infer<typeof LocalServerRecord>;

/** `.sieve/pg`: the cluster (data/), its log and the record; never a temp folder, so it outlives reboots. */
export const localServerDir = (env: NodeJS.ProcessEnv = process.env) => path.join(dataHome(env), 'pg');

const recordFile = (env: NodeJS.ProcessEnv) => path.join(localServerDir(env), 'server.json');

/** The recorded server, or null when `sieve server start` never ran for this data folder. */
export function readLocalServer(env: NodeJS.ProcessEnv = process.env): LocalServerRecord | null {
  const file = recordFile(env);
  if (!fs.existsSync(file)) return null;
  return LocalServerRecord.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

export function writeLocalServer(record: LocalServerRecord, env: NodeJS.ProcessEnv = process.env): void {
  // It holds the superuser's password: readable by its owner only.
  fs.writeFileSync(recordFile(env), `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
}

/** Loopback only; the password keeps other local users out (the cluster trusts no one by address). */
export const localServerUrl = (r: LocalServerRecord, database = r.database) =>
  `postgres://postgres:${encodeURIComponent(r.password)}@127.0.0.1:${r.port}/${database}`;
