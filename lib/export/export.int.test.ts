// Exports on a real database: every format read back by an independent reader (DuckDB) and by Sieve's own ingest,
// the rules (confirmed out, rejected in, suspected CSAM never), reproducible files, removal lists, failures.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/schemas';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { flagPairs } from '../flags/flag-pairs';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { writeEmbeddingFolder, writeLaionParquet } from '../ingest/__fixtures__/write-laion-parquet';
import { ingestDataset } from '../ingest/ingest-dataset';
import { readNpy } from '../ingest/read-npy';
import { diffExports } from './diff-exports';
import { exportFolder } from './export-dir';
import { readPairIds } from './pair-ids-file';
import { runExport } from './run-export';
import { ExportRequest, type ExportRequestInput } from './schemas';
import { insertExport, selectExport } from './sql';
import { queryDuckdb } from './writers/__fixtures__/query-duckdb';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
const curator: Actor = { kind: 'user', id: 'cur', email: 'cur@t.local', name: 'cur', role: 'curator', via: 'session', ip: null };
let laion: { id: number; url: string; caption: string }[];

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('export');
  process.env.SIEVE_HOME = tmp.dir;
  await t.db.query("INSERT INTO users (id, name, email, role) VALUES ('cur', 'cur', 'cur@t.local', 'curator')");
  writeLaionParquet(join(tmp.dir, 'rows.parquet'), 40);
  await ingestDataset(t.db, { path: join(tmp.dir, 'rows.parquet'), dataset: 'rows' });
  await writeEmbeddingFolder(join(tmp.dir, 'emb'), [{ rows: 7, dim: 32 }]);
  await ingestDataset(t.db, { path: join(tmp.dir, 'emb'), dataset: 'emb' });
  laion = await t.db.query("SELECT p.id, p.url, p.caption FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'rows' ORDER BY p.id");
});
afterAll(async () => {
  await t?.close();
  await tmp?.cleanup();
});

async function exportNow(request: ExportRequestInput) {
  const id = await insertExport(t.db, { request: ExportRequest.parse(request), createdBy: 'cur' });
  const manifest = await runExport(t.db, id);
  return { id, manifest, dir: exportFolder(id) };
}
const flag = (ids: number[], reason: 'hate' | 'watermark' | 'csam_suspected') => flagPairs(t.db, curator, { target: { kind: 'pairs', pairIds: ids }, reason });
const setState = (ids: number[], state: string) => t.db.query('UPDATE flags SET state = $2 WHERE pair_id = ANY($1::bigint[])', [ids, state]);

describe('formats', () => {
  it('parquet: LAION column names and types, every row as stored, read by DuckDB', async () => {
    const { dir, manifest } = await exportNow({ source: { kind: 'dataset', dataset: 'rows' }, format: 'parquet' });
    expect(manifest).toMatchObject({ rows: 40, dataset: 'rows', excluded: { byRule: 0, hidden: 0 } });
    const described = await queryDuckdb(`DESCRIBE SELECT * FROM read_parquet('${join(dir, 'export.parquet')}')`);
    const types = Object.fromEntries(described.rows.map((r) => [r.column_name, r.column_type]));
    expect(types).toMatchObject({ URL: 'VARCHAR', TEXT: 'VARCHAR', WIDTH: 'INTEGER', HEIGHT: 'INTEGER', punsafe: 'FLOAT', AESTHETIC_SCORE: 'FLOAT', key: 'VARCHAR', sieve_id: 'BIGINT', source_note: 'VARCHAR' });
    const back = await queryDuckdb(`SELECT sieve_id, URL, TEXT, WIDTH, source_note FROM read_parquet('${join(dir, 'export.parquet')}') ORDER BY sieve_id`);
    expect(back.rows.map((r) => [Number(r.sieve_id), r.URL, r.TEXT])).toEqual(laion.map((r) => [r.id, r.url, r.caption]));
    expect(back.rows[3]).toMatchObject({ WIDTH: 103, source_note: 'note 3' });
  });

  it('csv round-trips through DuckDB, jsonl through JSON.parse, urls one per line, and Sieve re-ingests the parquet', async () => {
    const csv = await exportNow({ source: { kind: 'dataset', dataset: 'rows' }, format: 'csv' });
    const back = await queryDuckdb(`SELECT * FROM read_csv('${join(csv.dir, 'export.csv')}', header = true, all_varchar = true) ORDER BY CAST(sieve_id AS BIGINT)`);
    expect(back.rows.map((r) => [Number(r.sieve_id), r.URL, r.TEXT])).toEqual(laion.map((r) => [r.id, r.url, r.caption]));
    const jsonl = await exportNow({ source: { kind: 'dataset', dataset: 'rows' }, format: 'jsonl' });
    const lines = (await fs.readFile(join(jsonl.dir, 'export.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.sieve_id, l.URL, l.TEXT])).toEqual(laion.map((r) => [r.id, r.url, r.caption]));
    const urls = await exportNow({ source: { kind: 'dataset', dataset: 'rows' }, format: 'urls' });
    expect((await fs.readFile(join(urls.dir, 'urls.txt'), 'utf8')).trim().split('\n')).toEqual(laion.map((r) => r.url));
    const parquet = await exportNow({ source: { kind: 'dataset', dataset: 'rows' }, format: 'parquet' });
    const again = await ingestDataset(t.db, { path: join(parquet.dir, 'export.parquet'), dataset: 'reingested' });
    expect(again.inserted).toBe(40);
    const rows = await t.db.query<{ url: string; caption: string }>("SELECT p.url, p.caption FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'reingested' ORDER BY p.source_row");
    expect(rows).toEqual(laion.map(({ url, caption }) => ({ url, caption })));
  });

  it('npy: clip-retrieval shards, float16, aligned with the metadata, equal to the stored vectors, ingestible', async () => {
    const { dir, manifest } = await exportNow({ source: { kind: 'dataset', dataset: 'emb' }, format: 'npy', shardRows: 3 });
    expect(manifest.files.map((f) => f.path)).toEqual(expect.arrayContaining(['metadata/metadata_0.parquet', 'img_emb/img_emb_0.npy', 'img_emb/img_emb_2.npy']));
    const stored = await t.db.query<{ id: number; url: string; v: string }>("SELECT p.id, p.url, p.img_emb::text AS v FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'emb' ORDER BY p.id");
    let row = 0;
    for (const n of [0, 1, 2]) {
      const npy = await readNpy(join(dir, `img_emb/img_emb_${n}.npy`), 'x');
      const meta = await queryDuckdb(`SELECT sieve_id, URL FROM read_parquet('${join(dir, `metadata/metadata_${n}.parquet`)}')`);
      expect(npy).toMatchObject({ dtype: 'float16', rows: meta.rows.length, dim: 32 });
      for (const [i, v] of (await npy.readRows(0, npy.rows)).entries()) {
        // Row i of the shard's metadata is row i of its vectors.
        expect([Number(meta.rows[i].sieve_id), meta.rows[i].URL]).toEqual([stored[row].id, stored[row].url]);
        const want = JSON.parse(stored[row].v) as number[];
        for (let j = 0; j < v.length; j++) expect(Math.abs(v[j] - want[j])).toBeLessThan(1e-3);
        row++;
      }
    }
    expect(row).toBe(7);
    const back = await ingestDataset(t.db, { path: dir, dataset: 'emb-again' });
    expect(back).toMatchObject({ kind: 'embedding-folder', inserted: 7 });
  });

  it('npy: a dataset whose pairs have no image vectors cannot be exported as .npy', async () => {
    const id = await insertExport(t.db, { request: ExportRequest.parse({ source: { kind: 'dataset', dataset: 'rows' }, format: 'npy' }), createdBy: 'cur' });
    await expect(runExport(t.db, id)).rejects.toThrow(/no embeddings/);
  });
});

describe('rules', () => {
  it('clean leaves out confirmed flags and keeps rejected ones; strict leaves out open ones too; CSAM never leaves', async () => {
    await flag([laion[0].id, laion[1].id, laion[2].id], 'hate');
    await setState([laion[0].id], 'confirmed');
    await setState([laion[1].id], 'rejected');
    await flag([laion[5].id], 'csam_suspected');
    const ids = async (dir: string) => readPairIds(join(dir, 'pair-ids.bin'));
    const clean = await exportNow({ source: { kind: 'dataset', dataset: 'rows' }, format: 'csv' });
    expect(await ids(clean.dir)).toEqual(laion.map((r) => r.id).filter((id) => id !== laion[0].id && id !== laion[5].id));
    expect(clean.manifest.excluded).toEqual({ byRule: 1, hidden: 1 });
    expect((await exportNow({ source: { kind: 'dataset', dataset: 'rows' }, rule: { keep: 'none' }, format: 'csv' })).manifest.excluded).toEqual({ byRule: 0, hidden: 1 });
    const strict = await exportNow({ source: { kind: 'dataset', dataset: 'rows' }, rule: { keep: 'strict' }, format: 'jsonl' });
    expect(await ids(strict.dir)).not.toContain(laion[2].id);
    expect(await ids(strict.dir)).toContain(laion[1].id);
    for (const format of ['parquet', 'csv', 'jsonl', 'urls'] as const) {
      const e = await exportNow({ source: { kind: 'dataset', dataset: 'rows' }, rule: { keep: 'none' }, format });
      for (const f of e.manifest.files) {
        const bytes = await fs.readFile(join(e.dir, f.path));
        expect(bytes.includes(Buffer.from(laion[5].url)), `${format} ${f.path}`).toBe(false);
      }
    }
  });

  it('a flagged-only list leaves a suspected-CSAM pair out altogether', async () => {
    const e = await exportNow({ source: { kind: 'dataset', dataset: 'rows' }, rule: { keep: 'flagged' }, format: 'csv' });
    const back = await queryDuckdb(`SELECT * FROM read_csv('${join(e.dir, 'export.csv')}', header = true, all_varchar = true) ORDER BY CAST(sieve_id AS BIGINT)`);
    expect(back.rows.map((r) => Number(r.sieve_id))).toEqual([laion[0].id, laion[2].id]);
    expect(e.manifest.excluded.hidden).toBe(1);
    expect(back.rows[0].sieve_flags).toBe('hate:confirmed');
  });
});

describe('reproducibility, removal lists and failures', () => {
  it('gives byte-identical files for the same request on unchanged data, and the diff lists exactly what was flagged between', async () => {
    const request = { source: { kind: 'query' as const, query: { dataset: 'rows', keyword: 'caption' } }, format: 'parquet' as const };
    const a = await exportNow(request);
    const b = await exportNow(request);
    const hashes = (m: typeof a.manifest) => m.files.map((f) => [f.path, f.sha256]);
    expect(hashes(b.manifest)).toEqual(hashes(a.manifest));
    await flag([laion[10].id, laion[11].id], 'watermark');
    await setState([laion[10].id, laion[11].id], 'confirmed');
    const c = await exportNow(request);
    const out = join(tmp.dir, 'removed');
    const diff = await diffExports(t.db, curator, join(a.dir, 'manifest.json'), join(c.dir, 'manifest.json'), out);
    expect(diff.removed).toBe(2);
    const listed = await queryDuckdb(`SELECT sieve_id, URL, sieve_flags FROM read_parquet('${join(out, 'export.parquet')}') ORDER BY sieve_id`);
    expect(listed.rows.map((r) => [Number(r.sieve_id), r.URL, r.sieve_flags])).toEqual([
      [laion[10].id, laion[10].url, 'watermark:confirmed'],
      [laion[11].id, laion[11].url, 'watermark:confirmed'],
    ]);
    expect(existsSync(join(out, 'export.csv'))).toBe(true);
  });

  it('writes valid empty files for a query that matches nothing, and says so', async () => {
    const e = await exportNow({ source: { kind: 'query', query: { dataset: 'rows', keyword: 'nothingmatchesthis' } }, format: 'parquet' });
    expect(e.manifest.rows).toBe(0);
    expect(e.manifest.notes.join(' ')).toMatch(/matched no pair/);
    expect((await queryDuckdb(`SELECT count(*) AS n FROM read_parquet('${join(e.dir, 'export.parquet')}')`)).rows[0].n).toBe(0n);
  });

  it('fails clearly and leaves no folder under the final name, and records the reason', async () => {
    const id = await insertExport(t.db, { request: ExportRequest.parse({ source: { kind: 'dataset', dataset: 'rows' }, format: 'npy' }), createdBy: 'cur' });
    await expect(runExport(t.db, id)).rejects.toThrow(/no embeddings/);
    expect(existsSync(exportFolder(id))).toBe(false);
    const cancelled = await insertExport(t.db, { request: ExportRequest.parse({ source: { kind: 'dataset', dataset: 'rows' }, format: 'csv' }), createdBy: 'cur' });
    const stop = new AbortController();
    stop.abort(new Error('cancelled'));
    await expect(runExport(t.db, cancelled, { signal: stop.signal })).rejects.toThrow();
    expect(existsSync(exportFolder(cancelled))).toBe(false);
    expect(await selectExport(t.db, cancelled)).toMatchObject({ state: 'cancelled', error: expect.any(String) });
    expect((await fs.readdir(join(tmp.dir, 'exports'))).filter((n) => n.startsWith('.partial'))).toEqual([]);
  });
});
