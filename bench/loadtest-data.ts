// The load test's database: a throwaway durable PostgreSQL, the clip-like dataset ingested (its source folder is
// cached between runs under the temp folder), a curator and a reviewer with API tokens, and the client's-log queries.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliActor } from '../lib/auth/cli-actor';
import { createToken } from '../lib/auth/create-token';
import { createUser } from '../lib/auth/create-user';
import type { Role } from '../lib/auth/roles';
import { createDb, type Db } from '../lib/db/client';
import { migrate } from '../lib/db/migrate';
import { ingestDataset } from '../lib/ingest/ingest-dataset';
import type { DbEvent, DbFlag } from './loadtest-ledger';
import { clipLikeSpace, writeClipLikeFolder, type ClipLikeSpace } from './write-clip-like-folder';

export const DIM = 512;
export const DATASET = 'loadtest';
/** Only ever typed by this script into its own throwaway database. */
export const PASSWORD = 'load test password';

export interface Cluster { url: string; dataDir: string; stop(): void }

/** Durable (fsync and synchronous commit on): an acknowledged write must mean what it means in production. */
export function startCluster(dir: string): Cluster {
  const out = execFileSync('bash', ['scripts/postgres.sh', 'start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, SIEVE_PG_DURABLE: '1' } });
  const url = out.trim().split('\n').pop()!;
  return { url, dataDir: path.join(dir, 'data'), stop: () => execFileSync('bash', ['scripts/postgres.sh', 'stop', dir], { stdio: 'inherit' }) };
}

/** The clip-retrieval folder of `rows` rows, written once and then reused (a marker says it is complete). */
export async function sourceFolder(rows: number, space: ClipLikeSpace, log: (m: string) => void): Promise<string> {
  const dir = path.join(os.tmpdir(), `sieve-loadtest-clip-${rows}`);
  const done = path.join(dir, 'complete');
  if (fs.existsSync(done)) return dir;
  log(`writing ${rows.toLocaleString('en-US')} clip-like rows to ${dir} (kept for the next run)`);
  fs.rmSync(dir, { recursive: true, force: true });
  await writeClipLikeFolder(dir, rows, space);
  fs.writeFileSync(done, new Date().toISOString());
  return dir;
}

export interface LoadData {
  db: Db;
  datasetId: number;
  pairIds: number[];
  curator: { id: string; token: string };
  reviewer: { id: string; token: string };
}

async function userWithToken(db: Db, role: Role): Promise<{ id: string; token: string }> {
  const { user } = await createUser(db, cliActor(), { email: `${role}@loadtest.local`, role, password: PASSWORD });
  // As the person would make it, signed in (a token never mints one).
  const actor = { kind: 'user' as const, id: user.id, email: user.email, name: user.name, role, via: 'session' as const, ip: null };
  const { secret } = await createToken(db, actor, { name: 'load test' });
  return { id: user.id, token: secret };
}

export async function prepareData(url: string, rows: number, log: (m: string) => void): Promise<LoadData & { space: ClipLikeSpace }> {
  const space = clipLikeSpace(DIM);
  const folder = await sourceFolder(rows, space, log);
  const db = createDb({ kind: 'server', url });
  await migrate(db);
  const started = performance.now();
  const s = await ingestDataset(db, { path: folder, dataset: DATASET });
  log(`ingested ${s.inserted.toLocaleString('en-US')} rows in ${((performance.now() - started) / 1000).toFixed(1)} s (load ${s.loadSeconds.toFixed(1)} s, HNSW ${s.indexSeconds.toFixed(1)} s)`);
  const [{ id: datasetId }] = await db.query<{ id: number }>('SELECT id FROM datasets WHERE name = $1', [DATASET]);
  const pairIds = (await db.query<{ id: string }>('SELECT id FROM pairs WHERE dataset_id = $1 ORDER BY id', [datasetId])).map((r) => Number(r.id));
  return { db, datasetId, pairIds, space, curator: await userWithToken(db, 'curator'), reviewer: await userWithToken(db, 'reviewer') };
}

/** Pairs nobody flagged yet, in random order: each connection takes the next one, so no pair is flagged twice. */
export async function findFlaggablePairs(db: Db, datasetId: number): Promise<number[]> {
  const rows = await db.query<{ id: string }>(
    'SELECT p.id FROM pairs p WHERE p.dataset_id = $1 AND NOT EXISTS (SELECT 1 FROM flags f WHERE f.pair_id = p.id) ORDER BY random()',
    [datasetId],
  );
  return rows.map((r) => Number(r.id));
}

/** What the database holds afterwards: the curator's flags, and the flag events of the curator and the reviewer. */
export async function readLedger(db: Db, who: { curator: string; reviewer: string }): Promise<{ flags: DbFlag[]; events: DbEvent[] }> {
  const flags = await db.query<{ id: string; pair_id: string; reason: string; state: string; created_by: string | null; decided_by: string | null }>(
    'SELECT id, pair_id, reason, state, created_by, decided_by FROM flags WHERE created_by = $1',
    [who.curator],
  );
  const events = await db.query<{ action: string; actor: string | null; flag_id: string }>(
    `SELECT action, actor, details->>'flagId' AS flag_id FROM audit_events
      WHERE action IN ('flag.create', 'flag.confirm', 'flag.reject') AND actor = ANY($1::text[])`,
    [[who.curator, who.reviewer]],
  );
  return {
    flags: flags.map((f) => ({ id: Number(f.id), pairId: Number(f.pair_id), reason: f.reason, state: f.state, createdBy: f.created_by, decidedBy: f.decided_by })),
    events: events.map((e) => ({ action: e.action, actor: e.actor, flagId: Number(e.flag_id) })),
  };
}

/** The reviewer's session cookie, from the app's own sign-in endpoint (the pair page is read as a signed-in user). */
export async function signIn(base: string, email: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: base },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  const cookie = /(better-auth\.session_token=[^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!res.ok || !cookie) throw new Error(`signing in ${email} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return cookie;
}
