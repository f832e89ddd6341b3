// `npm run loadtest [-- --duration S --connections N --rows N]`: the production build under 50 concurrent clients for
// 60 s on a 100,000-row dataset, the app and PostgreSQL on 127.0.0.1 only: searches by embedding, keyword and "more
// like this", pair API and page reads, the review queue, flags and review decisions. Prints p50/p95/p99 and throughput
// per route, then checks that every acknowledged flag and decision is in the database exactly once. Exits 1 on any
// error or mismatch.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { DEFAULT_POOL_SIZE, type Db } from '../lib/db/client';
import { ensureBuild } from '../scripts/build-app';
import { checkLedger, emptyLog, type LedgerReport } from './loadtest-ledger';
import { buildRequest, describeMix, ROUTES, trackClient, warmUp, type Route } from './loadtest-mix';
import { DATASET, findFlaggablePairs, prepareData, readLedger, signIn, startCluster } from './loadtest-data';
import { postmasterPid, treeCpuSeconds } from './process-cpu';
import { formatSummary, RouteStats, type RouteSummary } from './loadtest-stats';
import { startApp } from './start-app';

const log = (m: string) => console.error(`[loadtest] ${m}`);
const QUERIES = 200;
/** Rate limits off (0): 50 clients on two accounts would otherwise be throttled by design, which is not under test. */
const APP_ENV = { SIEVE_RATE_LIMIT_SEARCH: '0', SIEVE_RATE_LIMIT_UPLOAD: '0' };

function options() {
  const { values } = parseArgs({
    options: { duration: { type: 'string', default: '60' }, connections: { type: 'string', default: '50' }, rows: { type: 'string', default: '100000' }, timeout: { type: 'string', default: '30' } },
  });
  const n = (k: keyof typeof values, min: number) => {
    const v = Number(values[k]);
    if (!Number.isInteger(v) || v < min) throw new Error(`--${k} must be an integer of at least ${min}, not ${values[k]}`);
    return v;
  };
  return { duration: n('duration', 1), connections: n('connections', 1), rows: n('rows', 1000), timeout: n('timeout', 1) };
}

function runCannon(o: autocannon.Options, tick: () => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(o, (err, result) => (err ? reject(err) : resolve(result)));
    const timer = setInterval(tick, 10_000);
    instance.on('done', () => clearInterval(timer));
  });
}

function report(rows: RouteSummary[], ledger: LedgerReport, cannon: autocannon.Result, stats: RouteStats, cutOff: number, seconds: number): number {
  console.log(`\n${formatSummary(rows, seconds)}`);
  const l = cannon.latency;
  console.log(`\nautocannon, all routes: ${cannon.requests.sent.toLocaleString('en-US')} requests sent, ${cannon.non2xx} non-2xx, ${cannon.errors} errors (${cannon.timeouts} timeouts) over ${cannon.duration} s; latency p50 ${l.p50} ms, p97.5 ${l.p97_5} ms, p99 ${l.p99} ms`);
  console.log(`${cutOff} requests were in flight when the run ended (not counted)`);
  for (const [route, bodies] of stats.samples) for (const b of bodies) console.log(`  ${route}: ${b}`);
  console.log('\nexactly once, client log against the database:');
  console.log(`  flags:     ${ledger.acknowledgedFlags} acknowledged, ${ledger.flagsInDb} in the database (${ledger.unansweredFlags} written by requests cut off at the end, never answered)`);
  console.log(`  decisions: ${ledger.acknowledgedDecisions} acknowledged, ${ledger.decisionsInDb} in the database (${ledger.unansweredDecisions} cut off at the end)`);
  for (const p of ledger.problems) console.log(`  MISMATCH ${p}`);
  const errors = rows.reduce((n, r) => n + r.non2xx + r.failures, 0);
  const fine = errors === 0 && ledger.problems.length === 0 && ledger.acknowledgedFlags > 0 && ledger.acknowledgedDecisions > 0;
  console.log(fine ? '\nOK: zero errors, every acknowledged flag and decision stored exactly once' : `\nFAILED: ${errors} errors, ${ledger.problems.length} mismatches`);
  return fine ? 0 : 1;
}

/** Last in, first out: the app, the database handle, the cluster, the temp folder. */
const cleanup: (() => Promise<void> | void)[] = [];
let cleaning: Promise<void> | undefined;
/** One cleanup, however many times it is asked for (the end of main and a signal may both ask). */
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const step of cleanup.splice(0)) await Promise.resolve().then(step).catch((err: Error) => log(`cleanup: ${err.message}`));
  })();
  return cleaning;
}
// Ctrl-C leaves no server or cluster behind. The terminal and tsx both deliver it: the second one must not cut the
// cleanup short.
let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    log(`${signal}: stopping the app and the cluster`);
    void cleanUp().finally(() => process.exit(130));
  });
}

/** Requests cut off by the end of the run may still commit: read once the counts stop moving (at most 30 s). */
async function settledLedger(db: Db, who: { curator: string; reviewer: string }): Promise<Awaited<ReturnType<typeof readLedger>>> {
  const size = (l: Awaited<ReturnType<typeof readLedger>>) => `${l.flags.length}/${l.flags.filter((f) => f.state !== 'open').length}/${l.events.length}`;
  let last = await readLedger(db, who);
  for (let i = 0; i < 30; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const now = await readLedger(db, who);
    if (size(now) === size(last)) return now;
    last = now;
  }
  return last;
}

async function main(): Promise<number> {
  const o = options();
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-loadtest-'));
  cleanup.push(() => fs.rmSync(home, { recursive: true, force: true }));
  process.env.SIEVE_HOME = home;
  try {
    await ensureBuild(log);
    // Its own temp folder: the script hands it to the postgres user, who can't enter `home`.
    const cluster = startCluster(fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-loadtest-pg-')));
    cleanup.unshift(cluster.stop);
    const data = await prepareData(cluster.url, o.rows, log);
    cleanup.unshift(() => data.db.close());
    const app = await startApp({ env: { ...APP_ENV, DATABASE_URL: cluster.url, SIEVE_DB_KIND: 'server', SIEVE_HOME: home }, logFile: path.join(home, 'app.log') });
    cleanup.unshift(app.stop);
    const cookie = await signIn(app.base, 'reviewer@loadtest.local');
    const flaggable = await findFlaggablePairs(data.db, data.datasetId);

    const clientLog = emptyLog();
    const stats = new RouteStats(ROUTES);
    const inFlight = new Map<object, Route>();
    const reads = {
      dataset: DATASET,
      queries: Array.from({ length: QUERIES }, (_, k) => Array.from(data.space.vector(o.rows + k), (x) => Math.round(x * 1e5) / 1e5)),
      keywords: Array.from({ length: QUERIES }, (_, k) => `topic ${k}`),
      pairIds: data.pairIds,
      reviewer: { ...data.reviewer, cookie },
    };
    await warmUp(app.base, reads);
    const requests = [buildRequest({ ...reads, flaggable, curator: data.curator, log: clientLog })];
    console.log(`load test: ${o.connections} connections for ${o.duration} s against ${app.base} (next start, production build; the app and PostgreSQL listen on 127.0.0.1 only), ${data.pairIds.length.toLocaleString('en-US')} rows, PostgreSQL durable, app pool ${process.env.SIEVE_DB_POOL ?? DEFAULT_POOL_SIZE} connections`);
    console.log(`rate limits off for the run: ${Object.entries(APP_ENV).map(([k, v]) => `${k}=${v}`).join(' ')}`);
    console.log(`each request drawn by weight: ${describeMix()}`);
    console.log(`machine: ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, load average ${os.loadavg().map((x) => x.toFixed(1)).join(' ')} before the run (shared: other work skews the figures)`);
    const own = () => (process.cpuUsage().user + process.cpuUsage().system) / 1e6;
    const cpu = () => ({ app: treeCpuSeconds(app.pid), pg: treeCpuSeconds(postmasterPid(cluster.dataDir)), client: own() });
    const cpuBefore = cpu();
    const started = performance.now();
    const cannon = await runCannon(
      { url: app.base, connections: o.connections, duration: o.duration, timeout: o.timeout, pipelining: 1, requests, setupClient: trackClient(stats, inFlight) },
      () => log(`${Math.round((performance.now() - started) / 1000)} s: ${clientLog.flags.length} flags, ${clientLog.decisions.length} decisions acknowledged`),
    );
    const seconds = (performance.now() - started) / 1000;
    const cpuAfter = cpu();
    // Per answer too: the one figure that other work on the machine doesn't shrink.
    const answered = stats.summarise(seconds).reduce((n, r) => n + r.answers, 0);
    const cores = (k: keyof typeof cpuBefore) => {
      const used = cpuAfter[k] - cpuBefore[k];
      return `${used.toFixed(0)} s (${(used / seconds).toFixed(2)} cores, ${((1000 * used) / Math.max(1, answered)).toFixed(1)} ms per answer)`;
    };
    console.log(`\nCPU during the run: the app ${cores('app')}, PostgreSQL ${cores('pg')}, this client ${cores('client')}, of ${os.cpus().length} cores; load average ${os.loadavg()[0].toFixed(1)} at the end`);
    const who = { curator: data.curator.id, reviewer: data.reviewer.id };
    const stored = await settledLedger(data.db, who);
    const code = report(stats.summarise(seconds), checkLedger(clientLog, stored.flags, stored.events, who), cannon, stats, inFlight.size, seconds);
    if (code !== 0) {
      const kept = path.join(os.tmpdir(), 'sieve-loadtest-app.log');
      fs.copyFileSync(app.logFile, kept);
      console.log(`the app's log: ${kept}`);
    }
    return code;
  } finally {
    await cleanUp();
  }
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`loadtest: ${err.stack ?? err.message}`);
    process.exit(1);
  },
);
