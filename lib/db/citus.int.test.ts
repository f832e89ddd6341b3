// Sieve on a Citus cluster (scripts/citus.sh: a coordinator and two workers) against the same rows on one plain
// PostgreSQL server: the pairs spread over every shard, a vector query fans out to each shard's HNSW index and is
// merged, and searches, flags and exports answer exactly as on one server. The test command runs this file with
// TEST_DATABASE_URL on the cluster and TEST_SINGLE_DATABASE_URL on the plain server.
import fs from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import type { Actor } from '../auth/schemas';
import { embeddingExpr, vectorIndexName } from '../datasets/vector-index';
import { exportFolder } from '../export/export-dir';
import { runExport } from '../export/run-export';
import { ExportRequest, type ExportRequestInput } from '../export/schemas';
import { insertExport } from '../export/sql';
import { flagPairs } from '../flags/flag-pairs';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../ingest/ingest-dataset';
import { clusteredVectors, RARE_LANGUAGE, writeClusteredFolder } from '../search/__fixtures__/write-clustered-folder';
import { SearchQuery, type SearchQueryInput } from '../search/schemas';
import { searchPairs as searchParsed } from '../search/search-pairs';
import { vectorText } from './pgvector';
import { detectEngine, shardCount } from './distribute';

// As the route does: the request is parsed at the edge, then searched.
const searchPairs = (query: SearchQueryInput, db: Parameters<typeof searchParsed>[1]) => searchParsed(SearchQuery.parse(query), db);

const single = process.env.TEST_SINGLE_DATABASE_URL;
const ROWS = 20_000;
const DIM = 128;
const SHARDS = 32;
const curator: Actor = { kind: 'user', id: 'cur', email: 'cur@t.local', name: 'cur', role: 'curator', via: 'session', ip: null };
const held = clusteredVectors(ROWS + 10, DIM).subarray(ROWS * DIM);
const queries = Array.from({ length: 10 }, (_, i) => Array.from(held.subarray(i * DIM, (i + 1) * DIM)));

let citus: TestDatabase;
let plain: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let datasetId: number;

describe.skipIf(!single)(`Sieve on Citus (${ROWS} rows, ${SHARDS} shards) and on one server`, () => {
  const shardsBefore = process.env.SIEVE_CITUS_SHARDS;
  beforeAll(async () => {
    process.env.SIEVE_CITUS_SHARDS = String(SHARDS);
    tmp = await makeTempDir('citus');
    process.env.SIEVE_HOME = tmp.dir;
    await writeClusteredFolder(join(tmp.dir, 'rows'), ROWS, DIM);
    [citus, plain] = await Promise.all([createTestDatabase(), createTestDatabase({ server: single })]);
    for (const t of [citus, plain]) {
      await t.db.query("INSERT INTO users (id, name, email, role) VALUES ('cur', 'cur', 'cur@t.local', 'curator')");
      await ingestDataset(t.db, { path: join(tmp.dir, 'rows'), dataset: 'ann' });
      await t.db.query('ANALYZE pairs');
    }
    [{ id: datasetId }] = await citus.db.query<{ id: number }>("SELECT id FROM datasets WHERE name = 'ann'");
  });
  afterAll(async () => {
    if (shardsBefore === undefined) delete process.env.SIEVE_CITUS_SHARDS;
    else process.env.SIEVE_CITUS_SHARDS = shardsBefore;
    await Promise.all([citus?.close(), plain?.close()]);
    await tmp?.cleanup();
  });

  it('is Citus on one side, a plain server on the other, with pairs and flags sharded together', async () => {
    expect(await detectEngine(citus.db)).toBe('citus');
    expect(await detectEngine(plain.db)).toBe('postgres');
    expect(shardCount()).toBe(SHARDS);
    const tables = await citus.db.query<{ table: string; kind: string; colocation: number }>(
      `SELECT logicalrelid::regclass::text AS table, partmethod AS kind, colocationid AS colocation FROM pg_dist_partition ORDER BY 1`,
    );
    const byName = Object.fromEntries(tables.map((t) => [t.table, t]));
    expect(byName.pairs.kind).toBe('h');
    expect(byName.flags.colocation).toBe(byName.pairs.colocation);
    expect(byName.takedown_matches.colocation).toBe(byName.pairs.colocation);
    expect(byName.datasets.kind).toBe('n');
    expect(byName.hidden_urls.kind).toBe('n');
  });

  it('spreads the pairs over every shard, on both workers', async () => {
    const [spread] = await citus.db.query<{ shards: number; rows: number }>(
      "SELECT count(DISTINCT get_shard_id_for_distribution_column('pairs', id))::int AS shards, count(*)::int AS rows FROM pairs",
    );
    expect(spread).toEqual({ shards: SHARDS, rows: ROWS });
    const [nodes] = await citus.db.query<{ n: number }>("SELECT count(DISTINCT nodeport)::int AS n FROM citus_shards WHERE table_name = 'pairs'::regclass");
    expect(nodes.n).toBe(2);
  });

  it('fans a vector query out to every shard’s HNSW index and merges the top k on the coordinator', async () => {
    const plan = await citus.db.tx(async (q) => {
      await q.query('SET LOCAL citus.explain_all_tasks = on');
      // 625 rows a shard are sorted exactly rather than searched (rightly: cheaper); a shard of LAION holds millions.
      // Turning the exact plans off shows each shard's index, and that SET LOCAL reaches the workers' sessions.
      for (const setting of ['enable_seqscan', 'enable_bitmapscan', 'enable_sort']) await q.query(`SET LOCAL ${setting} = off`);
      const rows = await q.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT p.id FROM pairs p WHERE p.dataset_id = ${datasetId} AND p.img_emb IS NOT NULL
          ORDER BY ${embeddingExpr('img_emb', DIM)} <=> '${vectorText(queries[0])}'::halfvec(${DIM}) LIMIT 10`,
      );
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('Custom Scan (Citus Adaptive)');
    expect(plan).toContain(`Task Count: ${SHARDS}`);
    const shardScans = plan.match(new RegExp(`Index Scan using ${vectorIndexName('img_emb', datasetId)}_\\d+`, 'g')) ?? [];
    expect(new Set(shardScans).size).toBe(SHARDS);
    // The coordinator orders the shards' candidates and keeps k: a Limit over a Sort above the distributed scan.
    expect(plan.split('\n').slice(0, 3).join('\n')).toMatch(/Limit[\s\S]*Sort/);
  });

  const both = async (query: SearchQueryInput) => {
    const [a, b] = [await searchPairs(query, citus.db), await searchPairs(query, plain.db)];
    const view = (r: typeof a) => ({ mode: r.mode, hits: r.hits.map((h) => [h.url, h.caption, h.hidden, h.flagged, h.score === null ? null : h.score.toFixed(4)]) });
    return { citus: view(a), plain: view(b), next: [a.nextCursor, b.nextCursor] as const };
  };

  it('answers vector searches, filtered and paged, as the single server does', async () => {
    for (const query of queries) {
      const top = await both({ dataset: 'ann', embedding: query, limit: 10 });
      expect(top.citus.hits).toHaveLength(10);
      expect(top.citus).toEqual(top.plain);
    }
    const rare = await both({ dataset: 'ann', embedding: queries[1], language: RARE_LANGUAGE, limit: 20 });
    expect(rare.citus.hits).toHaveLength(20);
    expect(rare.citus).toEqual(rare.plain);
    const second = await both({ dataset: 'ann', embedding: queries[2], limit: 25, cursor: (await searchPairs({ dataset: 'ann', embedding: queries[2], limit: 25 }, citus.db)).nextCursor! });
    expect(second.citus.hits).toHaveLength(25);
    expect(second.citus).toEqual(second.plain);
  });

  it('answers keyword and filter-only listings, with their cursors, as the single server does', async () => {
    const keyword = await both({ dataset: 'ann', keyword: 'pair 77', limit: 30 });
    expect(keyword.citus.hits.length).toBeGreaterThan(0);
    expect(keyword.citus).toEqual(keyword.plain);
    const list = await both({ dataset: 'ann', language: RARE_LANGUAGE, limit: 50 });
    expect(list.citus.hits).toHaveLength(50);
    expect(list.citus).toEqual(list.plain);
    const page2 = await both({ dataset: 'ann', language: RARE_LANGUAGE, limit: 50, cursor: list.next[0]! });
    expect(page2.citus.hits).toHaveLength(50);
    expect(page2.citus).toEqual(page2.plain);
  });

  it('flags a search’s top k, hides suspected CSAM, and exports the same clean subset', async () => {
    for (const t of [citus, plain]) {
      const flagged = await flagPairs(t.db, curator, { target: { kind: 'query', query: { dataset: 'ann', embedding: queries[3] }, k: 300 }, reason: 'watermark' });
      expect(flagged.flagged).toBe(300);
      const [one] = await t.db.query<{ id: number }>("SELECT id FROM pairs WHERE url = 'https://img4.example.com/4.jpg'");
      await flagPairs(t.db, curator, { target: { kind: 'pairs', pairIds: [one.id] }, reason: 'csam_suspected' });
      await t.db.query("UPDATE flags SET state = 'confirmed' WHERE reason = 'watermark'");
    }
    const after = await both({ dataset: 'ann', embedding: queries[3], limit: 50, flagState: 'any' });
    expect(after.citus.hits.every((h) => h[3] === true)).toBe(true);
    expect(after.citus).toEqual(after.plain);
    const hidden = await both({ dataset: 'ann', keyword: 'pair 4', limit: 5 });
    expect(hidden.citus).toEqual(hidden.plain);

    const exportNow = async (t: TestDatabase, request: ExportRequestInput) => {
      // Each database numbers its exports from 1: each gets its own folder.
      process.env.SIEVE_HOME = join(tmp.dir, t === citus ? 'on-citus' : 'on-server');
      const id = await insertExport(t.db, { request: ExportRequest.parse(request), createdBy: 'cur' });
      const manifest = await runExport(t.db, id);
      const lines = (await fs.readFile(join(exportFolder(id), 'export.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      return { rows: manifest.rows, excluded: manifest.excluded, urls: lines.map((l) => l.URL) };
    };
    const request: ExportRequestInput = { source: { kind: 'dataset', dataset: 'ann' }, format: 'jsonl' };
    const [a, b] = [await exportNow(citus, request), await exportNow(plain, request)];
    expect(a.rows).toBeLessThanOrEqual(ROWS - 300);
    expect(a).toEqual(b);
  });
});
