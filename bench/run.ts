// `npm run bench`: prints Sieve's performance figures. Not part of `npm test`: tests never time things.
// BENCH_SCALE multiplies the data sizes (default 1: a few minutes on two cores).
import { benchExport } from './export.bench';
import { benchFlags } from './flags.bench';
import { benchIngest } from './ingest.bench';
import { benchRecall, benchSearch } from './search.bench';
import { ensureServer } from './with-databases';

const scale = Number(process.env.BENCH_SCALE ?? 1);
const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main() {
  const stop = ensureServer();
  try {
    console.log('ingest (embedding folder, 512-d float32 vectors, HNSW build included)');
    // The embedded database builds HNSW in WASM, an order of magnitude slower: it gets a smaller load.
    for (const [backend, shards, rows] of [['server', 4, 5000 * scale], ['embedded', 2, 1000 * scale]] as const) {
      const f = await benchIngest(backend, shards, rows);
      console.log(`  ${backend.padEnd(8)} ${fmt(f.rows).padStart(7)} rows  ${fmt(f.seconds, 1).padStart(6)} s  ${fmt(f.rowsPerSecond).padStart(7)} rows/s`);
    }
    for (const [backend, rows] of [['server', 20_000 * scale], ['embedded', 2_000 * scale]] as const) {
      const f = await benchSearch(backend, rows);
      console.log(`\nsearch, ${backend}: ${fmt(f.rows)} clustered ${f.dim}-d vectors, 50 held-out queries`);
      console.log(`  recall@10 vs exact: ${f.recall.map((r) => `ef_search ${r.efSearch} → ${fmt(r.recallAt10, 3)}`).join(', ')}`);
      for (const l of f.latency) console.log(`  ${l.name.padEnd(26)} p50 ${fmt(l.p50, 1).padStart(6)} ms  p95 ${fmt(l.p95, 1).padStart(6)} ms`);
    }
    console.log('\nbulk flag of every match of a keyword search (job, one audit event per pair), and review decisions');
    for (const [backend, rows] of [['server', 100_000 * scale], ['embedded', 10_000 * scale]] as const) {
      const f = await benchFlags(backend, rows);
      console.log(`  ${backend.padEnd(8)} ${fmt(f.pairs).padStart(7)} pairs flagged in ${fmt(f.seconds, 1)} s (${fmt(f.pairsPerSecond)} pairs/s); decision round trip p50 ${fmt(f.decisionP50, 1)} ms, p95 ${fmt(f.decisionP95, 1)} ms (${f.decisions} decisions)`);
    }
    const exportRows = 1_000_000 * scale;
    console.log(`\nexport of a ${fmt(exportRows)}-row dataset (clean rule), server, in its own process`);
    for (const f of await benchExport('server', exportRows, ['parquet', 'csv'])) {
      console.log(`  ${f.format.padEnd(8)} ${fmt(f.rows).padStart(9)} rows  ${fmt(f.seconds, 1).padStart(6)} s  ${fmt(f.rowsPerSecond).padStart(7)} rows/s  peak RSS ${fmt(f.maxRssMiB)} MiB  ${fmt(f.megabytes, 1)} MB`);
    }
    // No structure at all: every point is equally far from a query, HNSW's worst case and a floor for real data.
    const rows = 20_000 * scale;
    const worst = await benchRecall('server', rows, 512, { clusters: rows + 50, noise: 0.6 });
    console.log(`\nrecall@10, server, ${fmt(rows)} structureless 512-d vectors (worst case): ${worst.map((r) => `ef_search ${r.efSearch} → ${fmt(r.recallAt10, 3)}`).join(', ')}`);
  } finally {
    stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
