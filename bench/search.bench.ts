// Search latency (the real searchPairs path) and HNSW recall@10 against exact search, per ef_search value.
import { rm } from 'node:fs/promises';
import { vectorText } from '../lib/db/pgvector';
import { embeddingExpr } from '../lib/datasets/vector-index';
import { makeTempDir } from '../lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../lib/ingest/ingest-dataset';
import { clusteredVectors, RARE_LANGUAGE, writeClusteredFolder, type ClusterShape } from '../lib/search/__fixtures__/write-clustered-folder';
import { searchPairs } from '../lib/search/search-pairs';
import type { SearchQueryInput } from '../lib/search/schemas';
import type { Db } from '../lib/db/client';
import { benchDatabase, type Backend } from './with-databases';

export interface SearchFigures {
  backend: Backend;
  rows: number;
  dim: number;
  recall: { efSearch: number; recallAt10: number }[];
  latency: { name: string; p50: number; p95: number }[];
}

const QUERIES = 50;
const EF_VALUES = [40, 100, 200];

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function topIds(db: Db, datasetId: number, dim: number, query: number[], settings: string[]): Promise<number[]> {
  return db.tx(async (q) => {
    for (const s of settings) await q.query(`SET LOCAL ${s}`);
    const rows = await q.query<{ id: number }>(
      `SELECT p.id FROM pairs p WHERE p.dataset_id = ${datasetId} AND p.img_emb IS NOT NULL
        ORDER BY ${embeddingExpr('img_emb', dim)} <=> $1::halfvec(${dim}) LIMIT 10`,
      [vectorText(query)],
    );
    return rows.map((r) => r.id);
  });
}

/** Recall only, for a data shape: latency does not depend on it, recall does. */
export async function benchRecall(backend: Backend, rows: number, dim: number, shape: ClusterShape): Promise<SearchFigures['recall']> {
  const tmp = await makeTempDir('bench-recall');
  const t = await benchDatabase(backend);
  try {
    process.env.SIEVE_HOME = tmp.dir;
    await writeClusteredFolder(tmp.dir, rows, dim, shape);
    await ingestDataset(t.db, { path: tmp.dir, dataset: 'bench' });
    const [{ id }] = await t.db.query<{ id: number }>("SELECT id FROM datasets WHERE name = 'bench'");
    return await measureRecall(t.db, id, dim, heldOut(rows, dim, shape));
  } finally {
    await t.close();
    await rm(tmp.dir, { recursive: true, force: true });
  }
}

// Points of the same distribution generated after the stored rows, never stored themselves.
function heldOut(rows: number, dim: number, shape: ClusterShape): number[][] {
  const held = clusteredVectors(rows + QUERIES, dim, shape).subarray(rows * dim);
  return Array.from({ length: QUERIES }, (_, i) => Array.from(held.subarray(i * dim, (i + 1) * dim)));
}

async function measureRecall(db: Db, datasetId: number, dim: number, queries: number[][]): Promise<SearchFigures['recall']> {
  const exact = await Promise.all(queries.map((qv) => topIds(db, datasetId, dim, qv, ['enable_indexscan = off'])));
  const recall = [];
  for (const ef of EF_VALUES) {
    let hit = 0;
    for (const [i, qv] of queries.entries()) hit += (await topIds(db, datasetId, dim, qv, [`hnsw.ef_search = ${ef}`])).filter((x) => exact[i].includes(x)).length;
    recall.push({ efSearch: ef, recallAt10: hit / (queries.length * 10) });
  }
  return recall;
}

export async function benchSearch(backend: Backend, rows: number, dim = 512): Promise<SearchFigures> {
  const tmp = await makeTempDir('bench-search');
  const t = await benchDatabase(backend);
  try {
    process.env.SIEVE_HOME = tmp.dir;
    await writeClusteredFolder(tmp.dir, rows, dim);
    await ingestDataset(t.db, { path: tmp.dir, dataset: 'bench' });
    await t.db.query('ANALYZE pairs');
    const [{ id }] = await t.db.query<{ id: number }>("SELECT id FROM datasets WHERE name = 'bench'");
    const queries = heldOut(rows, dim, {});
    const recall = await measureRecall(t.db, id, dim, queries);

    const cases: [string, (qv: number[], i: number) => SearchQueryInput][] = [
      ['vector k=10', (qv) => ({ dataset: 'bench', embedding: qv, limit: 10 })],
      ['vector k=48', (qv) => ({ dataset: 'bench', embedding: qv, limit: 48 })],
      ['vector k=48, 1 % filter', (qv) => ({ dataset: 'bench', embedding: qv, limit: 48, language: RARE_LANGUAGE })],
      ['vector k=48, dedupe', (qv) => ({ dataset: 'bench', embedding: qv, limit: 48, dedupe: true })],
      ['keyword k=48', (_qv, i) => ({ dataset: 'bench', keyword: `pair ${i}`, limit: 48 })],
      ['hybrid k=48', (qv, i) => ({ dataset: 'bench', embedding: qv, keyword: `pair ${i}`, limit: 48 })],
      ['filter listing k=48', () => ({ dataset: 'bench', limit: 48, domain: 'img3.example.com' })],
    ];
    const latency = [];
    for (const [name, make] of cases) {
      const times: number[] = [];
      for (const [i, qv] of queries.entries()) {
        const started = performance.now();
        await searchPairs(make(qv, i), t.db);
        times.push(performance.now() - started);
      }
      latency.push({ name, p50: percentile(times, 0.5), p95: percentile(times, 0.95) });
    }
    return { backend, rows, dim, recall, latency };
  } finally {
    await t.close();
    await rm(tmp.dir, { recursive: true, force: true });
  }
}
