// Search at scale on CLIP-like vectors: recall against exact search per k, the same query as bare SQL and through the
// API route (body parsing, validation, SQL building, serialising included), a 1 % filter, QPS at 1 and 8 clients.
import { POST as searchRoute } from '../app/api/search/route';
import type { Db } from '../lib/db/client';
import { setDb } from '../lib/db/get-db';
import { vectorText } from '../lib/db/pgvector';
import { SqlParams } from '../lib/db/sql-params';
import { makeTempDir } from '../lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../lib/ingest/ingest-dataset';
import { RARE_LANGUAGE } from '../lib/search/__fixtures__/write-clustered-folder';
import { findNearest, nearestSettings } from '../lib/search/sql';
import { benchPage, type PageFigures } from './page.bench';
import { benchDatabase, type Backend } from './with-databases';
import { clipLikeSpace, writeClipLikeFolder } from './write-clip-like-folder';

export interface KFigures { k: number; recall: number; sqlP50: number; sqlP95: number; apiP50: number; apiP95: number; apiP99: number }
export interface SearchFigures {
  backend: Backend;
  rows: number;
  dim: number;
  ingest: { loadSeconds: number; indexSeconds: number };
  perK: KFigures[];
  filter: { p50: number; p95: number; full: boolean };
  qps: { clients: number; qps: number; p95: number }[];
  /** Enter to 40 cards in Chromium; null without Chromium, absent when not asked for. */
  page?: PageFigures | null;
}

const QUERIES = 100;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];

async function exactIds(db: Db, datasetId: number, q: number[], k: number): Promise<number[]> {
  // The column itself, not the index's expression: the planner can't use the HNSW index, so this is exact.
  const rows = await db.query<{ id: number }>(`SELECT id FROM pairs WHERE dataset_id = ${datasetId} AND img_emb IS NOT NULL ORDER BY img_emb <=> $1::halfvec, id LIMIT ${k}`, [vectorText(q)]);
  return rows.map((r) => r.id);
}

const post = (body: unknown) =>
  searchRoute(new Request('http://bench.local/api/search', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));

export async function benchSearch(backend: Backend, rows: number, opts: { dim?: number; page?: boolean } = {}): Promise<SearchFigures> {
  const dim = opts.dim ?? 512;
  const tmp = await makeTempDir('bench-search');
  const t = await benchDatabase(backend);
  setDb(t.db);
  process.env.SIEVE_HOME = tmp.dir;
  // Hundreds of timed searches from one anonymous caller: the limit per address would answer 429 after 120.
  process.env.SIEVE_RATE_LIMIT_SEARCH = '0';
  process.env.SIEVE_READ = 'public';
  try {
    const space = clipLikeSpace(dim);
    await writeClipLikeFolder(tmp.dir, rows, space);
    const s = await ingestDataset(t.db, { path: tmp.dir, dataset: 'bench' });
    await t.db.query('ANALYZE pairs');
    const [{ id }] = await t.db.query<{ id: number }>("SELECT id FROM datasets WHERE name = 'bench'");
    const queries = Array.from({ length: QUERIES }, (_, i) => Array.from(space.vector(rows + 10_000 + i)));
    const perK: KFigures[] = [];
    for (const k of [10, 100, 1000]) {
      const sql: number[] = [];
      const api: number[] = [];
      let hits = 0;
      for (const q of queries) {
        const truth = new Set(await exactIds(t.db, id, q, k));
        // Once untimed, so both timings below find the graph's pages in shared buffers (the first would pay for both).
        await post({ dataset: 'bench', embedding: q, limit: k });
        let started = performance.now();
        await t.db.tx((x) => findNearest(x, { datasetId: id, where: [], params: new SqlParams(), settingsFor: k + 1, graphRows: rows }, { column: 'img_emb', dim, vector: Float32Array.from(q), after: null, limit: k + 1 }), { prelude: nearestSettings(k + 1, rows) });
        sql.push(performance.now() - started);
        started = performance.now();
        const res = await post({ dataset: 'bench', embedding: q, limit: k });
        const body = (await res.json()) as { hits: { id: number }[] };
        api.push(performance.now() - started);
        hits += body.hits.filter((h) => truth.has(h.id)).length;
      }
      perK.push({ k, recall: hits / (k * queries.length), sqlP50: pct(sql, 0.5), sqlP95: pct(sql, 0.95), apiP50: pct(api, 0.5), apiP95: pct(api, 0.95), apiP99: pct(api, 0.99) });
    }
    const filtered: number[] = [];
    let full = true;
    for (const q of queries) {
      const started = performance.now();
      const body = (await (await post({ dataset: 'bench', embedding: q, limit: 10, language: RARE_LANGUAGE })).json()) as { hits: unknown[] };
      filtered.push(performance.now() - started);
      full &&= body.hits.length === 10;
    }
    const qps = [];
    for (const clients of [1, 8]) {
      const times: number[] = [];
      const end = performance.now() + 5_000;
      let n = 0;
      await Promise.all(Array.from({ length: clients }, async (_, c) => {
        for (let i = c; performance.now() < end; i += clients) {
          const started = performance.now();
          await (await post({ dataset: 'bench', embedding: queries[i % QUERIES], limit: 10 })).json();
          times.push(performance.now() - started);
          n++;
        }
      }));
      qps.push({ clients, qps: n / 5, p95: pct(times, 0.95) });
    }
    const page = opts.page ? await benchPage({ databaseUrl: t.url, home: tmp.dir, dataset: 'bench', dim }) : undefined;
    return { backend, rows, dim, ingest: { loadSeconds: s.loadSeconds, indexSeconds: s.indexSeconds }, perK, filter: { p50: pct(filtered, 0.5), p95: pct(filtered, 0.95), full }, qps, page };
  } finally {
    setDb(undefined);
    delete process.env.SIEVE_READ;
    await t.close();
    await tmp.cleanup();
  }
}
