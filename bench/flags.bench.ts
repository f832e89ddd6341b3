// Bulk flags and review: flag every pair a search matches (the server re-runs it, a job writes it batch by batch with
// an audit event per pair), and the round trip of a reviewer's decision through its API route (session check included).
import { join } from 'node:path';
import { call, request } from '../app/api/__fixtures__/call-route';
import { userWithRole } from '../app/api/__fixtures__/sign-in';
import { POST as decide } from '../app/api/flags/[id]/decision/route';
import type { Actor } from '../lib/auth/schemas';
import { setDb } from '../lib/db/get-db';
import { flagPairs } from '../lib/flags/flag-pairs';
import { writeLaionParquet } from '../lib/ingest/__fixtures__/write-laion-parquet';
import { makeTempDir } from '../lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../lib/ingest/ingest-dataset';
import { getJob } from '../lib/jobs/get-job';
import { startSieveWorker } from '../lib/server/start-server-worker';
import { benchDatabase, type Backend } from './with-databases';

export interface FlagFigures {
  backend: Backend;
  pairs: number;
  seconds: number;
  pairsPerSecond: number;
  decisions: number;
  decisionP50: number;
  decisionP95: number;
}

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

export async function benchFlags(backend: Backend, rows: number, decisions = 200): Promise<FlagFigures> {
  const tmp = await makeTempDir('bench-flags');
  const t = await benchDatabase(backend);
  setDb(t.db);
  process.env.SIEVE_HOME = tmp.dir;
  try {
    writeLaionParquet(join(tmp.dir, 'rows.parquet'), rows);
    await ingestDataset(t.db, { path: join(tmp.dir, 'rows.parquet'), dataset: 'bench' });
    const curator = await userWithRole(t.db, 'curator');
    const actor: Actor = { kind: 'user', id: curator.id, email: 'curator@test.local', name: 'c', role: 'curator', via: 'session', ip: null };

    const worker = startSieveWorker(t.db, { log: () => undefined, pollMs: 5 });
    const start = performance.now();
    const r = await flagPairs(t.db, actor, { target: { kind: 'query', query: { dataset: 'bench', keyword: 'caption', flagState: 'any' } }, reason: 'watermark' });
    for (;;) {
      const job = await getJob(r.job!.id, t.db);
      if (job.state === 'done') break;
      if (job.state === 'failed') throw new Error(job.error ?? 'flag job failed');
      await new Promise((res) => setTimeout(res, 20));
    }
    const seconds = (performance.now() - start) / 1000;
    await worker.stop();

    const reviewer = await userWithRole(t.db, 'reviewer');
    const flagIds = (await t.db.query<{ id: number }>('SELECT id FROM flags ORDER BY id LIMIT $1', [decisions])).map((x) => x.id);
    const times: number[] = [];
    for (const [i, id] of flagIds.entries()) {
      const t0 = performance.now();
      const res = await call(decide, request('POST', `/api/flags/${id}/decision`, { decision: i % 2 ? 'reject' : 'confirm' }, { cookie: reviewer.cookie }), { id: String(id) });
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`decision answered ${res.status}: ${await res.text()}`);
    }
    return { backend, pairs: rows, seconds, pairsPerSecond: rows / seconds, decisions: times.length, decisionP50: percentile(times, 50), decisionP95: percentile(times, 95) };
  } finally {
    setDb(undefined);
    await t.close();
    await tmp.cleanup();
  }
}
