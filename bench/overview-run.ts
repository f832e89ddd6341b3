// The dataset overview at scale, in its own process: `npx tsx bench/overview-run.ts <database url> [rows]` writes and
// ingests a CLIP-like dataset with LAION-like scores, sizes, domains, languages, licences and duplicate URLs and
// hashes (once: an existing dataset is reused), then times each of the overview's queries, the whole overview, the
// exact duplicates and the near-duplicate sample, and prints the figures as JSON. Not part of `npm run bench`: the
// ingest alone takes minutes at a million rows.
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { writeNpy } from '../lib/export/writers/write-npy';
import { createDb, type Queryable } from '../lib/db/client';
import { countExactDuplicates } from '../lib/overview/count-exact-duplicates';
import { getDatasetOverview, OVERVIEW_WORK_MEM_MB } from '../lib/overview/overview';
import { sampleNearDuplicates } from '../lib/overview/sample-near-duplicates';
import * as sql from '../lib/overview/sql';
import { countDatasetFlags } from '../lib/flags/sql';
import { ingestDataset } from '../lib/ingest/ingest-dataset';
import { migrate } from '../lib/db/migrate';
import { clipLikeSpace } from './write-clip-like-folder';

const [url, rowsArg] = process.argv.slice(2);
const ROWS = Number(rowsArg ?? 1_000_000);
const DATASET = `overview-${ROWS}`;
const PART_ROWS = 250_000;

/** Deterministic per-row uniforms, so any row's fields can be made on their own. */
const u = (i: number, salt: number) => (((Math.imul(i + 1, 2654435761) ^ Math.imul(salt, 40503)) >>> 0) % 1_000_003) / 1_000_003;
const LANGUAGES = ['en', 'en', 'en', 'en', 'en', 'de', 'fr', 'es', 'it', 'nl', 'ja', 'pt', null];
const LICENSES = [null, null, null, null, null, null, null, '?', 'cc-by', 'cc-by-sa', 'cc0'];
const SIZES = [64, 128, 192, 256, 300, 320, 400, 480, 500, 512, 600, 640, 720, 768, 800, 1024, 1200, 1280, 1600, 2048, 3000, 4096];

async function writeData(root: string): Promise<void> {
  const space = clipLikeSpace(512);
  await mkdir(join(root, 'metadata'), { recursive: true });
  await mkdir(join(root, 'img_emb'), { recursive: true });
  for (let part = 0, start = 0; start < ROWS; part++, start += PART_ROWS) {
    const ids = Array.from({ length: Math.min(PART_ROWS, ROWS - start) }, (_, k) => start + k);
    // Domains Zipf-like over 5,000 hosts; 2 % of URLs and 1 % of hashes repeat an earlier row's.
    const host = (i: number) => `img${Math.floor(5000 * u(i, 1) ** 3)}.example${Math.floor(u(i, 2) * 3)}.com`;
    const urlOf = (i: number): string => (u(i, 3) < 0.02 && i > 0 ? urlOf(Math.floor(u(i, 4) * i)) : `https://${host(i)}/p/${i}.jpg`);
    const hashOf = (i: number): string => (u(i, 5) < 0.01 && i > 0 ? hashOf(Math.floor(u(i, 6) * i)) : String(Math.imul(i, 2246822519) >>> 0));
    parquetWriteFile({
      filename: join(root, 'metadata', `metadata_${part}.parquet`),
      columnData: [
        { name: 'URL', data: ids.map(urlOf), type: 'STRING' },
        { name: 'TEXT', data: ids.map((i) => `generated pair ${i}`), type: 'STRING' },
        { name: 'hash', data: ids.map(hashOf), type: 'STRING' },
        { name: 'LANGUAGE', data: ids.map((i) => LANGUAGES[Math.floor(u(i, 7) * LANGUAGES.length)]), type: 'STRING' },
        { name: 'LICENSE', data: ids.map((i) => LICENSES[Math.floor(u(i, 8) * LICENSES.length)]), type: 'STRING' },
        { name: 'punsafe', data: ids.map((i) => u(i, 9) ** 4), type: 'FLOAT' },
        { name: 'pwatermark', data: ids.map((i) => u(i, 10) ** 2), type: 'FLOAT' },
        { name: 'AESTHETIC_SCORE', data: ids.map((i) => 3 + 4 * (u(i, 11) + u(i, 12)) / 2), type: 'FLOAT' },
        { name: 'similarity', data: ids.map((i) => 0.28 + 0.12 * u(i, 13)), type: 'FLOAT' },
        { name: 'WIDTH', data: ids.map((i) => SIZES[Math.floor(u(i, 14) * SIZES.length)]), type: 'INT32' },
        { name: 'HEIGHT', data: ids.map((i) => SIZES[Math.floor(u(i, 15) * SIZES.length)]), type: 'INT32' },
      ],
    });
    const npy = await writeNpy(root, `img_emb/img_emb_${part}.npy`, 512);
    for (let k = 0; k < ids.length; k += 10_000) await npy.write(ids.slice(k, k + 10_000).map((i) => space.vector(i)));
    await npy.finish();
  }
}

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const out = await fn();
  return [Math.round(performance.now() - start), out];
}

/** Each query of the overview on its own, in a transaction with the overview's work_mem (or the server's default). */
async function perQuery(db: ReturnType<typeof createDb>, datasetId: number, workMem: boolean) {
  return db.tx(async (q: Queryable) => {
    const ms: Record<string, number> = {};
    const [counts, c] = await timed(() => sql.selectOverviewCounts(q, datasetId));
    ms.counts = counts;
    const { histogramEdges } = await import('../lib/overview/histogram-edges');
    const edges = Object.fromEntries(Object.entries(c.ranges).filter(([, r]) => r.min !== null).map(([k, r]) => [k, histogramEdges(Number(r.min!.toPrecision(7)), Number(r.max!.toPrecision(7)), k === 'width' || k === 'height')]));
    ms.histograms = (await timed(() => sql.selectHistogramCounts(q, datasetId, edges)))[0];
    ms.topValues = (await timed(() => sql.selectTopValues(q, datasetId, 20)))[0];
    ms.flags = (await timed(() => countDatasetFlags(q, datasetId)))[0];
    ms.ingestHistory = (await timed(() => sql.selectIngestHistory(q, datasetId, 50)))[0];
    return ms;
  }, workMem ? { prelude: `SET LOCAL work_mem = '${OVERVIEW_WORK_MEM_MB}MB'` } : undefined);
}

const db = createDb({ kind: 'server', url });
await migrate(db);
let [dataset] = await db.query<{ id: number }>('SELECT id FROM datasets WHERE name = $1', [DATASET]);
let ingestSeconds: number | null = null;
if (!dataset) {
  const root = join(os.tmpdir(), `sieve-overview-bench-${ROWS}`);
  await rm(root, { recursive: true, force: true });
  await writeData(root);
  ingestSeconds = (await timed(() => ingestDataset(db, { path: root, dataset: DATASET })))[0] / 1000;
  await rm(root, { recursive: true, force: true });
  [dataset] = await db.query<{ id: number }>('SELECT id FROM datasets WHERE name = $1', [DATASET]);
  await db.query('VACUUM ANALYZE pairs');
}
const [{ size }] = await db.query<{ size: string }>("SELECT pg_size_pretty(pg_table_size('pairs')) AS size");
// Once untimed, so every figure below reads a warm cache, as a page reloaded would.
await getDatasetOverview(DATASET, db);
const figures = {
  rows: ROWS,
  tableSize: size,
  ingestSeconds,
  perQueryMs: await perQuery(db, dataset.id, true),
  perQueryDefaultWorkMemMs: await perQuery(db, dataset.id, false),
  overviewMs: [] as number[],
  exactDuplicatesMs: [] as number[],
  nearDuplicates: [] as { ms: number; sampled: number; estimatedPairs: number; estimatedGroups: number }[],
};
for (let i = 0; i < 3; i++) figures.overviewMs.push((await timed(() => getDatasetOverview(DATASET, db)))[0]);
for (let i = 0; i < 3; i++) figures.exactDuplicatesMs.push((await timed(() => countExactDuplicates(DATASET, db)))[0]);
for (let i = 0; i < 3; i++) {
  const [ms, s] = await timed(() => sampleNearDuplicates(DATASET, db));
  figures.nearDuplicates.push({ ms, sampled: s.sampled, estimatedPairs: s.estimatedPairs, estimatedGroups: s.estimatedGroups });
}
await db.close();
console.log(JSON.stringify(figures, null, 2));
