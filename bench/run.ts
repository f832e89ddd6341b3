// `npm run bench`: prints Sieve's performance figures. Not part of `npm test`: tests never time things.
// BENCH_SCALE multiplies the data sizes (default 1: a minute or two on two cores).
import { benchIngest } from './ingest.bench';
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
  } finally {
    stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
