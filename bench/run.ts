// `npm run bench`: prints Sieve's performance figures and writes them as JSON (bench-results.json). Not part of
// `npm test`: tests never time things. BENCH_ROWS sets the size of the search and ingest data (100,000 by default,
// a few minutes on two cores; 1,000,000 for the figures in docs/performance.md).
import fs from 'node:fs';
import { benchBackup } from './backup.bench';
import { benchExport } from './export.bench';
import { benchFlags } from './flags.bench';
import { benchHealth } from './health.bench';
import { benchIngest } from './ingest.bench';
import { benchLookalikes } from './lookalikes.bench';
import { benchSearch } from './search.bench';
import { ensureServer } from './with-databases';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const only = (process.env.BENCH_ONLY ?? 'ingest,lookalikes,search,page,flags,export,backup,health').split(',');

async function main() {
  const stop = ensureServer();
  const results: Record<string, unknown> = { rows, machine: { cores: (await import('node:os')).cpus().length, memoryGiB: Math.round((await import('node:os')).totalmem() / 2 ** 30) } };
  try {
    if (only.includes('ingest')) {
      console.log(`ingest: ${fmt(rows)} CLIP-like 512-d float16 rows (clip-retrieval folder), own process`);
      for (const [backend, n] of [['server', rows], ['embedded', Math.min(rows, 10_000)]] as const) {
        const f = await benchIngest(backend, n);
        (results.ingest ??= [] as unknown[]) && (results.ingest as unknown[]).push(f);
        console.log(`  ${backend.padEnd(8)} ${fmt(f.rows).padStart(9)} rows  load ${fmt(f.loadSeconds, 1)} s (${fmt(f.loadRowsPerSecond)} rows/s)  HNSW ${fmt(f.indexSeconds, 1)} s  peak RSS ${fmt(f.maxRssMiB)} MiB`);
      }
    }
    if (only.includes('lookalikes')) {
      const f = await benchLookalikes(rows);
      results.lookalikes = f;
      console.log(`\nthe hiding rule at ingest: ${fmt(f.rows)} rows loaded again after ${fmt(f.hiddenSources)} of them were flagged csam_suspected, server, own process`);
      console.log(`  nothing hidden ${fmt(f.plainRowsPerSecond)} rows/s; screened against ${fmt(f.hiddenSources)} hidden images ${fmt(f.screenedRowsPerSecond)} rows/s (${fmt(100 * (1 - f.screenedRowsPerSecond / f.plainRowsPerSecond), 1)} % slower); ${fmt(f.hiddenAtIngest)} pairs hidden as they were written`);
    }
    if (only.includes('search')) {
      const f = await benchSearch('server', rows, { page: only.includes('page') });
      results.search = f;
      console.log(`\nsearch, server, ${fmt(rows)} rows (load ${fmt(f.ingest.loadSeconds, 1)} s, HNSW ${fmt(f.ingest.indexSeconds, 1)} s), 100 held-out queries by embedding`);
      for (const k of f.perK) {
        console.log(`  k=${String(k.k).padEnd(5)} recall ${fmt(k.recall, 3)}  SQL p50 ${fmt(k.sqlP50, 1)} p95 ${fmt(k.sqlP95, 1)} ms  API p50 ${fmt(k.apiP50, 1)} p95 ${fmt(k.apiP95, 1)} p99 ${fmt(k.apiP99, 1)} ms  (API/SQL p50 ${fmt(k.apiP50 / k.sqlP50, 2)}×)`);
      }
      console.log(`  1 % filter, k=10: p50 ${fmt(f.filter.p50, 1)} ms, p95 ${fmt(f.filter.p95, 1)} ms, every page full: ${f.filter.full}`);
      for (const q of f.qps) console.log(`  ${q.clients} client(s): ${fmt(q.qps)} queries/s, p95 ${fmt(q.p95, 1)} ms`);
      if (f.page) console.log(`  search page in Chromium, Enter to ${f.page.cards} cards: p50 ${fmt(f.page.p50)} ms, p95 ${fmt(f.page.p95)} ms, max ${fmt(f.page.max)} ms (${f.page.queries} text queries)`);
      else if (f.page === null) console.log('  search page: skipped, no Chromium (CHROMIUM_PATH)');
    }
    if (only.includes('flags')) {
      console.log('\nbulk flag of every match of a keyword search (job, one audit event per pair), and review decisions');
      for (const [backend, n] of [['server', 100_000], ['embedded', 10_000]] as const) {
        const f = await benchFlags(backend, n);
        (results.flags ??= [] as unknown[]) && (results.flags as unknown[]).push(f);
        console.log(`  ${backend.padEnd(8)} ${fmt(f.pairs).padStart(7)} pairs flagged in ${fmt(f.seconds, 1)} s (${fmt(f.pairsPerSecond)} pairs/s); decision round trip p50 ${fmt(f.decisionP50, 1)} ms, p95 ${fmt(f.decisionP95, 1)} ms`);
      }
    }
    if (only.includes('export')) {
      const n = Math.max(rows, 1_000_000);
      console.log(`\nexport of a ${fmt(n)}-row dataset (clean rule), server, own process`);
      for (const f of await benchExport('server', n, ['parquet', 'csv'])) {
        (results.export ??= [] as unknown[]) && (results.export as unknown[]).push(f);
        const heap = f.heapCapMiB ? `V8 heap capped at ${f.heapCapMiB} MiB` : 'Node defaults';
        console.log(`  ${f.format.padEnd(8)} ${fmt(f.rows).padStart(9)} rows  ${fmt(f.seconds, 1).padStart(6)} s  ${fmt(f.rowsPerSecond).padStart(7)} rows/s  peak RSS ${fmt(f.maxRssMiB)} MiB  ${fmt(f.megabytes, 1)} MB  (${heap})`);
      }
    }
    if (only.includes('backup')) {
      console.log('\nbackup and restore: a flag (a third decided) and an audit event per pair, restored into a fresh database');
      for (const [backend, n] of [['server', 100_000], ['embedded', 10_000]] as const) {
        const f = await benchBackup(backend, n);
        (results.backup ??= [] as unknown[]) && (results.backup as unknown[]).push(f);
        console.log(`  ${backend.padEnd(8)} ${fmt(f.flags).padStart(7)} flags + ${fmt(f.auditEvents)} events  backup ${fmt(f.backupSeconds, 1)} s (${fmt(f.megabytes, 1)} MB)  restore ${fmt(f.restoreSeconds, 1)} s  again ${fmt(f.rerunSeconds, 1)} s`);
      }
    }
    if (only.includes('health')) {
      const f = await benchHealth(rows);
      results.health = f;
      console.log(`\n/api/health every 25 ms against the production build, durable server, ${fmt(f.rows)} rows`);
      for (const r of f.runs) {
        console.log(`  job worker ${r.worker}, while:`);
        for (const p of r.phases) console.log(`    ${p.phase.padEnd(58)} ${String(p.samples).padStart(5)} answers  p50 ${fmt(p.p50, 1)} ms  p99 ${fmt(p.p99, 1)} ms  max ${fmt(p.max, 1)} ms  (${p.work})`);
      }
    }
  } finally {
    stop();
    fs.writeFileSync('bench-results.json', `${JSON.stringify(results, null, 2)}\n`);
    console.log('\nfigures written to bench-results.json');
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
