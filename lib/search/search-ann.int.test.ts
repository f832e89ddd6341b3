// The HNSW path against exact search: recall, index use, and filtered search with iterative index scans.
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDbKind, type TestDatabase } from '../../test/databases';
import { vectorText } from '../db/pgvector';
import { embeddingExpr, vectorIndexName } from '../datasets/vector-index';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../ingest/ingest-dataset';
import { clusteredVectors, RARE_LANGUAGE, writeClusteredFolder } from './__fixtures__/write-clustered-folder';
import { SqlParams } from '../db/sql-params';
import { compileFilters } from './filters';
import { SearchQuery, type SearchQueryInput } from './schemas';
import { searchPairs as searchParsed } from './search-pairs';
import { findNearest } from './sql';

// As the route does: the request is parsed at the edge, then searched.
const searchPairs = (query: SearchQueryInput, db: Parameters<typeof searchParsed>[1]) => searchParsed(SearchQuery.parse(query), db);

// The embedded database builds HNSW in WASM, ~50x slower: it checks the same properties on fewer rows.
const ROWS = testDbKind() === 'server' ? 20_000 : 2_000;
const DIM = 128;
const QUERIES = 30;

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let datasetId: number;
// Held-out points of the same clusters: generated after the stored rows, never stored themselves.
const held = clusteredVectors(ROWS + QUERIES, DIM).subarray(ROWS * DIM);
const queries = Array.from({ length: QUERIES }, (_, i) => Array.from(held.subarray(i * DIM, (i + 1) * DIM)));

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('ann');
  process.env.SIEVE_HOME = tmp.dir;
  await writeClusteredFolder(tmp.dir, ROWS, DIM);
  await ingestDataset(t.db, { path: tmp.dir, dataset: 'ann' });
  [{ id: datasetId }] = await t.db.query<{ id: number }>("SELECT id FROM datasets WHERE name = 'ann'");
  await t.db.query('ANALYZE pairs');
});
afterAll(async () => {
  await t?.close();
  await rm(tmp.dir, { recursive: true, force: true });
});

/** Ground truth: the same distances with every index scan off, i.e. a full sort. */
async function exactTop(query: number[], k: number, language?: string): Promise<number[]> {
  return t.db.tx(async (q) => {
    await q.query('SET LOCAL enable_indexscan = off');
    await q.query('SET LOCAL enable_bitmapscan = off');
    const rows = await q.query<{ id: number }>(
      `SELECT id FROM pairs WHERE dataset_id = $1 ${language ? 'AND language = $3' : ''}
        ORDER BY img_emb::halfvec(${DIM}) <=> $2::halfvec(${DIM}), id LIMIT ${k}`,
      [datasetId, vectorText(query), ...(language ? [language] : [])],
    );
    return rows.map((r) => r.id);
  });
}

const overlap = (a: number[], b: number[]) => a.filter((x) => b.includes(x)).length / b.length;
const countRare = async (ids: number[]) =>
  (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pairs WHERE id = ANY($1) AND language = $2', [ids, RARE_LANGUAGE]))[0].n;
const K = Math.min(50, ROWS / 100);

describe(`HNSW search over ${ROWS} clustered ${DIM}-d vectors`, () => {
  it('is planned as a scan of the dataset’s partial HNSW index', async () => {
    const plan = await t.db.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT p.id FROM pairs p WHERE p.dataset_id = ${datasetId} AND p.img_emb IS NOT NULL
        ORDER BY ${embeddingExpr('img_emb', DIM)} <=> '${vectorText(queries[0])}'::halfvec(${DIM}) LIMIT 10`,
    );
    expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toContain(vectorIndexName('img_emb', datasetId));
  });

  it('finds at least 95 % of the exact top 10 (recall@10)', async () => {
    let recall = 0;
    for (const query of queries) {
      const res = await searchPairs({ dataset: 'ann', embedding: query, limit: 10 }, t.db);
      recall += overlap(res.hits.map((h) => h.id), await exactTop(query, 10));
    }
    expect(recall / QUERIES).toBeGreaterThanOrEqual(0.95);
  });

  it('still returns k hits when a filter keeps 1 % of rows, all passing it, close to exact', async () => {
    let recall = 0;
    for (const query of queries.slice(0, 10)) {
      const res = await searchPairs({ dataset: 'ann', embedding: query, language: RARE_LANGUAGE, limit: K }, t.db);
      expect(res.hits).toHaveLength(K);
      expect(await countRare(res.hits.map((h) => h.id))).toBe(K);
      recall += overlap(res.hits.map((h) => h.id), await exactTop(query, K, RARE_LANGUAGE));
    }
    expect(recall / 10).toBeGreaterThanOrEqual(0.9);
  });

  // With good statistics the planner answers a 1 % filter exactly (bitmap scan + sort). When it walks the
  // HNSW graph instead (a filter it misjudges, a bigger table), only the iterative scan keeps k hits.
  it('walks the HNSW graph on past filtered-out rows (iterative scan) where a plain scan runs dry', async () => {
    const rare = new SqlParams();
    const scope = { datasetId, where: compileFilters({ language: RARE_LANGUAGE }, rare), params: rare };
    const vector = Float32Array.from(queries[0]);
    const { plan, hits, plain } = await t.db.tx(async (q) => {
      for (const setting of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort']) await q.query(`SET LOCAL ${setting} = off`);
      const hits = await findNearest(q, scope, { column: 'img_emb', dim: DIM, vector, after: null, limit: K });
      const sql = `SELECT p.id FROM pairs p WHERE p.dataset_id = ${datasetId} AND p.img_emb IS NOT NULL AND lower(p.language) = $2
                    ORDER BY ${embeddingExpr('img_emb', DIM)} <=> $1::halfvec(${DIM}) LIMIT ${K}`;
      // Literals, not parameters: Citus cannot fetch a shard's plan for a parameterised EXPLAIN.
      const plan = await q.query<{ 'QUERY PLAN': string }>(`EXPLAIN ${sql.replace('$1', `'${vectorText(vector)}'`).replace('$2', `'${RARE_LANGUAGE}'`)}`);
      await q.query('SET LOCAL hnsw.iterative_scan = off');
      await q.query('SET LOCAL hnsw.ef_search = 40');
      const plain = await q.query(sql, [vectorText(vector), RARE_LANGUAGE]);
      return { plan: plan.map((r) => r['QUERY PLAN']).join('\n'), hits, plain };
    });
    expect(plan).toContain(vectorIndexName('img_emb', datasetId));
    expect(hits).toHaveLength(K);
    expect(await countRare(hits.map((h) => h.id))).toBe(K);
    expect(plain.length).toBeLessThan(K);
  });
});
