// Whether Sieve keeps answering while it works: the production build on a durable PostgreSQL, `/api/health` asked
// every 25 ms (one request at a time, as a load balancer's probe) while, in turn, nothing runs, anonymous deep and
// dedupe searches run back to back, a suggestion scan reads captions of 100,000 characters, and a curator's Parquet
// export of the whole dataset runs. Twice: with the job worker inside the web server's process (a bare `next start`)
// and in its own process (`npm start`). Prints p50, p99 and the worst answer of each phase.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { ingestDataset } from '../lib/ingest/ingest-dataset';
import { ensureBuild } from '../scripts/build-app';
import { prepareData, startCluster } from './loadtest-data';
import { startApp } from './start-app';

export interface HealthPhase {
  phase: string;
  samples: number;
  p50: number;
  p99: number;
  max: number;
  /** Requests of the phase's own load that finished, and what the last one answered. */
  work: string;
}

export interface HealthFigures {
  rows: number;
  runs: { worker: string; phases: HealthPhase[] }[];
}

const LONG_CAPTIONS = 200;
const LONG_CAPTION_CHARS = 100_000;
const log = (m: string) => console.error(`[health] ${m}`);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;

/** Captions of 100,000 characters of words, with no @ (the case that made the old e-mail pattern quadratic). */
function writeLongCaptions(dir: string) {
  fs.mkdirSync(dir, { recursive: true });
  const words = ['portrait', 'street', 'market', 'river', 'winter', 'harbour', 'garden', 'station'];
  const caption = (i: number) => {
    let s = '';
    for (let k = i; s.length < LONG_CAPTION_CHARS; k++) s += `${words[k % words.length]}${k % 13} `;
    return s.slice(0, LONG_CAPTION_CHARS);
  };
  const ids = Array.from({ length: LONG_CAPTIONS }, (_, i) => i);
  parquetWriteFile({
    filename: path.join(dir, 'part-0.parquet'),
    columnData: [
      { name: 'URL', data: ids.map((i) => `https://long.example.com/${i}.jpg`), type: 'STRING' },
      { name: 'TEXT', data: ids.map(caption), type: 'STRING' },
    ],
  });
}

/** Asks /api/health until `work` settles; the answer times of the probe, and what the work said. */
async function probeWhile(base: string, phase: string, work: () => Promise<string>): Promise<HealthPhase> {
  const times: number[] = [];
  let done = false;
  const result = work().finally(() => { done = true; });
  while (!done) {
    const started = performance.now();
    const res = await fetch(`${base}/api/health`);
    await res.arrayBuffer();
    times.push(performance.now() - started);
    if (!res.ok) throw new Error(`/api/health answered ${res.status} during ${phase}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return { phase, samples: times.length, p50: pct(times, 0.5), p99: pct(times, 0.99), max: Math.max(...times), work: await result };
}

async function untilJobDone(base: string, headers: Record<string, string>, url: string, stateOf: (body: never) => string): Promise<string> {
  for (;;) {
    const state = stateOf((await (await fetch(`${base}${url}`, { headers })).json()) as never);
    if (!['queued', 'running', 'writing'].includes(state)) return state;
    await new Promise((r) => setTimeout(r, 200));
  }
}

type Data = Awaited<ReturnType<typeof prepareData>>;

async function phasesOf(base: string, data: Data, rows: number): Promise<HealthPhase[]> {
  const curator = { authorization: `Bearer ${data.curator.token}`, 'content-type': 'application/json', origin: base };
  const query = Array.from(data.space.vector(rows + 1), (x) => Math.round(x * 1e5) / 1e5);
  const phases: HealthPhase[] = [];
  const run = async (phase: string, work: () => Promise<string>) => {
    log(phase);
    phases.push(await probeWhile(base, phase, work));
  };
  const searches = (body: object, n: number) => async () => {
    let last = '';
    for (let i = 0; i < n; i++) {
      const res = await fetch(`${base}/api/search`, { method: 'POST', headers: { 'content-type': 'application/json', origin: base }, body: JSON.stringify({ dataset: 'loadtest', embedding: query, ...body }) });
      const answer = (await res.json()) as { hits?: unknown[] };
      last = res.ok ? `${res.status}, ${answer.hits?.length} hits` : `${res.status}: ${JSON.stringify(answer).slice(0, 120)}`;
    }
    return last;
  };
  await run('idle, 10 s', () => new Promise((r) => setTimeout(() => r('nothing'), 10_000)));
  await run('search, limit 1,000, anonymous, 5 in a row', searches({ limit: 1_000 }, 5));
  await run('dedupe search, limit 250, anonymous, 10 in a row', searches({ dedupe: true, limit: 250 }, 10));
  await run('search, limit 10,000, anonymous (refused)', searches({ limit: 10_000 }, 5));
  await run(`suggestion scan, ${LONG_CAPTIONS} captions of ${LONG_CAPTION_CHARS.toLocaleString('en-US')} characters`, async () => {
    const res = await fetch(`${base}/api/datasets/long-captions/suggest`, { method: 'POST', headers: curator, body: JSON.stringify({}) });
    const { job } = (await res.json()) as { job: { id: number } };
    return `job ${await untilJobDone(base, curator, `/api/jobs/${job.id}`, (b: { job: { state: string } }) => b.job.state)}`;
  });
  await run(`Parquet export of ${rows.toLocaleString('en-US')} rows`, async () => {
    const res = await fetch(`${base}/api/exports`, { method: 'POST', headers: curator, body: JSON.stringify({ source: { kind: 'dataset', dataset: 'loadtest' }, format: 'parquet' }) });
    const { export: e } = (await res.json()) as { export: { id: number } };
    return `export ${await untilJobDone(base, curator, `/api/exports/${e.id}`, (b: { export: { state: string } }) => b.export.state)}`;
  });
  return phases;
}

export async function benchHealth(rows: number): Promise<HealthFigures> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-bench-health-'));
  const cluster = startCluster(fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-bench-health-pg-')));
  let stopApp: () => Promise<void> = async () => undefined;
  let closeDb: () => Promise<void> = async () => undefined;
  try {
    await ensureBuild(log);
    const data = await prepareData(cluster.url, rows, log);
    closeDb = () => data.db.close();
    const long = path.join(home, 'long');
    writeLongCaptions(long);
    await ingestDataset(data.db, { path: long, dataset: 'long-captions' });
    const runs: HealthFigures['runs'] = [];
    for (const [worker, launcher] of [['in the web server process (next start)', false], ['in its own process (npm start)', true]] as const) {
      const app = await startApp({ env: { DATABASE_URL: cluster.url, SIEVE_DB_KIND: 'server', SIEVE_HOME: home, SIEVE_READ: 'public' }, logFile: path.join(home, 'app.log'), launcher });
      stopApp = app.stop;
      runs.push({ worker, phases: await phasesOf(app.base, data, rows) });
      await app.stop();
      stopApp = async () => undefined;
    }
    return { rows, runs };
  } finally {
    await stopApp();
    await closeDb();
    cluster.stop();
    fs.rmSync(home, { recursive: true, force: true });
  }
}
