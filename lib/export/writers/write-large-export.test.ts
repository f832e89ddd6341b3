import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeTempDir } from '../../ingest/__fixtures__/make-temp-dir';
import { EXTRA_COLUMNS, makeExportRows } from './__fixtures__/make-export-rows';
import { queryDuckdb } from './__fixtures__/query-duckdb';
import { openWriter } from './open-writer';

const BATCHES = 20;
const BATCH_ROWS = 10_000;
const TOTAL = BATCHES * BATCH_ROWS;

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
beforeAll(async () => {
  tmp = await makeTempDir('export-large');
});
afterAll(() => tmp.cleanup());

it.each([
  ['parquet', (path: string) => `read_parquet('${path}')`],
  ['csv', (path: string) => `read_csv('${path}', header=true, all_varchar=true, allow_quoted_nulls=false)`],
] as const)('%s: 200,000 rows in 20 batches stream through and all read back', async (format, read) => {
  const dir = join(tmp.dir, format);
  await mkdir(dir);
  const writer = await openWriter(format, dir, { extraColumns: EXTRA_COLUMNS });
  // Each batch is made just before it is written, as the export query would page them in,
  // and only counts are kept of it.
  let urls = 0;
  let captions = 0;
  for (let b = 0; b < BATCHES; b++) {
    const batch = makeExportRows(BATCH_ROWS, b * BATCH_ROWS);
    urls += batch.filter((r) => r.url !== null).length;
    captions += batch.filter((r) => r.caption !== null).length;
    await writer.write(batch);
  }
  const [file] = await writer.finish();
  expect(file.rows).toBe(TOTAL);

  const path = join(dir, file.path);
  const { rows } = await queryDuckdb(
    `SELECT count(*) AS n, count(DISTINCT sieve_id) AS ids, min(sieve_id::BIGINT) AS first, max(sieve_id::BIGINT) AS last, ` +
      `count(URL) AS urls, count(TEXT) AS captions FROM ${read(path)}`,
  );
  const [first] = makeExportRows(1, 0);
  const [last] = makeExportRows(1, TOTAL - 1);
  expect(rows).toEqual([
    { n: BigInt(TOTAL), ids: BigInt(TOTAL), first: BigInt(first.id), last: BigInt(last.id), urls: BigInt(urls), captions: BigInt(captions) },
  ]);
  // A row from the middle of a late batch.
  const [probe] = makeExportRows(1, 187_654);
  const { rows: [row] } = await queryDuckdb(`SELECT TEXT, note, exif FROM ${read(path)} WHERE sieve_id::BIGINT = ${probe.id}`);
  expect(row).toEqual({ TEXT: probe.caption, note: probe.extra?.note, exif: probe.extra?.exif === undefined ? null : JSON.stringify(probe.extra.exif) });
});
