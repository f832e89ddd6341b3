// The per-dataset HNSW indexes: one partial expression index per dataset and embedding column,
// because an HNSW index needs one fixed dimension and datasets differ (512, 768, 1024).
import type { Db } from '../db/client';
import { detectEngine } from '../db/distribute';

export type EmbeddingColumn = 'img_emb' | 'txt_emb';

/** The indexed expression; a query must use exactly this text (and `dataset_id = N`) to use the index. */
export const embeddingExpr = (column: EmbeddingColumn, dim: number) => `(${column}::halfvec(${dim}))`;

export const vectorIndexName = (column: EmbeddingColumn, datasetId: number) => `pairs_${column}_hnsw_d${datasetId}`;

/**
 * Graph shape. m = 16 is pgvector's default; ef_construction = 128 (default 64) builds a better-connected graph:
 * on CLIP-like vectors recall@10 stopped near 0.93 at ef_construction 64 whatever ef_search was (issue 11's
 * measurement), and the build stays within minutes for a million rows (docs/performance.md).
 */
export const HNSW_M = 16;
export const HNSW_EF_CONSTRUCTION = 128;

/** Bytes the build needs per row: the float16 vector, neighbour lists of both layers, tuple overhead. */
const bytesPerRow = (dim: number) => dim * 2 + HNSW_M * 2 * 10 + 120;

/**
 * maintenance_work_mem for the build, set for its own transaction only: enough for the whole graph (a graph that
 * outgrows it is built on disk, an order of magnitude slower: 600 k rows in 6 min, then 20 k a minute), capped by
 * SIEVE_INDEX_MEMORY_MB (default 4096) because it is a promise the server must be able to keep in RAM.
 */
export function indexMemoryMb(rows: number, dim: number, kind: Db['kind'], env: NodeJS.ProcessEnv = process.env): number {
  const cap = Number(env.SIEVE_INDEX_MEMORY_MB) || (kind === 'embedded' ? 512 : 4096);
  const need = Math.ceil((rows * bytesPerRow(dim) * 1.25) / 2 ** 20);
  return Math.max(64, Math.min(cap, need));
}

/**
 * Parallel build workers beside the leader (SIEVE_INDEX_WORKERS). One by default: on two cores a million rows built
 * in 278 s with one worker and 313 s with two, the third process only contending for the cores. A server with more
 * cores wants about its cores minus one.
 */
export const indexWorkers = (env: NodeJS.ProcessEnv = process.env) => Number(env.SIEVE_INDEX_WORKERS ?? 1);

/**
 * Builds the missing indexes for a dataset's embedding columns that hold vectors. Called after a
 * bulk load: building once over all rows is far faster than growing the graph row by row.
 */
export async function ensureVectorIndexes(db: Db, datasetId: number, dim: number): Promise<string[]> {
  const built: string[] = [];
  for (const column of ['img_emb', 'txt_emb'] as const) {
    const name = vectorIndexName(column, datasetId);
    const [exists] = await db.query('SELECT 1 FROM pg_indexes WHERE indexname = $1', [name]);
    if (exists) continue;
    const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pairs WHERE dataset_id = $1 AND ${column} IS NOT NULL`, [datasetId]);
    if (n === 0) continue;
    // On Citus every shard builds its own graph, the shards of a worker at once: memory per shard's rows, and no
    // parallel workers inside one build (the shards already fill the cores).
    const shards = (await detectEngine(db)) === 'citus' ? await pairsShardCount(db) : 1;
    await db.tx(async (q) => {
      // Settings for this build only; the embedded database has no parallel workers.
      await q.query(`SET LOCAL maintenance_work_mem = '${indexMemoryMb(Math.ceil(n / shards), dim, db.kind)}MB'`);
      if (db.kind === 'server') await q.query(`SET LOCAL max_parallel_maintenance_workers = ${shards > 1 ? 0 : Math.max(0, Math.trunc(indexWorkers()))}`);
      // Identifiers and the dimension are integers we produced, never user text.
      await q.query(
        `CREATE INDEX ${name} ON pairs USING hnsw (${embeddingExpr(column, dim)} halfvec_cosine_ops)
           WITH (m = ${HNSW_M}, ef_construction = ${HNSW_EF_CONSTRUCTION}) WHERE dataset_id = ${datasetId}`,
      );
    });
    built.push(name);
  }
  return built;
}

async function pairsShardCount(db: Db): Promise<number> {
  const [{ n }] = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_dist_shard WHERE logicalrelid = 'pairs'::regclass");
  return Math.max(1, n);
}
