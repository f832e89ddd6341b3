// How recall and SQL time move with hnsw.ef_search on CLIP-like vectors: the measurement behind efSearchFor
// (lib/search/sql.ts). `npx tsx bench/recall-sweep.ts` ingests BENCH_ROWS rows (100,000 by default) into a fresh
// database; SWEEP_DATABASE_URL reuses one that already holds the 'bench' dataset, SWEEP_KEEP=1 keeps the new one.
import { createDb, type Db } from '../lib/db/client';
import { vectorText } from '../lib/db/pgvector';
import { makeTempDir } from '../lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../lib/ingest/ingest-dataset';
import { createTestDatabase } from '../test/databases';
import { ensureServer } from './with-databases';
import { clipLikeSpace, writeClipLikeFolder } from './write-clip-like-folder';

const rows = Number(process.env.BENCH_ROWS ?? 100_000);
const QUERIES = 100;
const DIM = 512;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function database(): Promise<{ db: Db; close(): Promise<void> }> {
  if (process.env.SWEEP_DATABASE_URL) {
    const db = createDb({ kind: 'server', url: process.env.SWEEP_DATABASE_URL });
    return { db, close: () => db.close() };
  }
  process.env.SIEVE_TEST_DB = 'server';
  const t = await createTestDatabase();
  const tmp = await makeTempDir('sweep');
  process.env.SIEVE_HOME = tmp.dir;
  await writeClipLikeFolder(tmp.dir, rows, clipLikeSpace(DIM));
  const s = await ingestDataset(t.db, { path: tmp.dir, dataset: 'bench' });
  await tmp.cleanup();
  console.log(`ingested ${rows.toLocaleString('en-US')} rows: load ${s.loadSeconds.toFixed(1)} s, HNSW ${s.indexSeconds.toFixed(1)} s`);
  if (process.env.SWEEP_KEEP) {
    console.log(`kept: SWEEP_DATABASE_URL=${t.url}`);
    return { db: t.db, close: () => t.db.close() };
  }
  return t;
}

async function main() {
  const stop = ensureServer();
  const { db, close } = await database();
  try {
    const [{ id, n }] = await db.query<{ id: number; n: number }>("SELECT d.id, (SELECT count(*) FROM pairs WHERE dataset_id = d.id)::int AS n FROM datasets d WHERE d.name = 'bench'");
    const space = clipLikeSpace(DIM);
    const queries = Array.from({ length: QUERIES }, (_, i) => vectorText(space.vector(n + 10_000 + i)));
    for (const k of [10, 100]) {
      const truth = await Promise.all(queries.map(async (q) => new Set((await db.query<{ id: number }>(
        `SELECT id FROM pairs WHERE dataset_id = ${id} ORDER BY img_emb <=> $1::halfvec, id LIMIT ${k}`, [q])).map((r) => r.id))));
      for (const ef of [40, 100, 200, 300, 400, 600, 1000].filter((e) => e >= k)) {
        let found = 0;
        const times: number[] = [];
        for (const [i, q] of queries.entries()) {
          const started = performance.now();
          const hits = await db.tx(async (x) => x.query<{ id: number }>(
            `SELECT id FROM pairs WHERE dataset_id = ${id} ORDER BY (img_emb::halfvec(${DIM})) <=> $1::halfvec(${DIM}) LIMIT ${k}`, [q]),
          { prelude: `SET LOCAL hnsw.ef_search = ${ef}` });
          times.push(performance.now() - started);
          found += hits.filter((h) => truth[i].has(h.id)).length;
        }
        console.log(`k=${k} ef_search=${ef}: recall ${(found / (k * QUERIES)).toFixed(3)}, SQL p50 ${pct(times, 0.5).toFixed(1)} ms, p95 ${pct(times, 0.95).toFixed(1)} ms`);
      }
    }
  } finally {
    await close();
    stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
