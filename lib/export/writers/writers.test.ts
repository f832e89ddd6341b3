import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../errors/app-error';
import { makeTempDir } from '../../ingest/__fixtures__/make-temp-dir';
import { CAPTIONS, EXTRA_COLUMNS, makeExportRows } from './__fixtures__/make-export-rows';
import { queryDuckdb } from './__fixtures__/query-duckdb';
import { openWriter } from './open-writer';
import type { ExportFormat, ExportRow } from './types';

// Spelled out here rather than taken from laion-columns.ts, so a renamed column fails a test.
const COLUMNS: [string, string][] = [
  ['URL', 'VARCHAR'], ['TEXT', 'VARCHAR'], ['WIDTH', 'INTEGER'], ['HEIGHT', 'INTEGER'],
  ['similarity', 'FLOAT'], ['punsafe', 'FLOAT'], ['pwatermark', 'FLOAT'], ['AESTHETIC_SCORE', 'FLOAT'],
  ['hash', 'VARCHAR'], ['LICENSE', 'VARCHAR'], ['LANGUAGE', 'VARCHAR'], ['NSFW', 'VARCHAR'], ['key', 'VARCHAR'],
  ['sieve_id', 'BIGINT'], ['score', 'VARCHAR'], ['exif', 'VARCHAR'], ['note', 'VARCHAR'], ['missing', 'VARCHAR'],
];
const NAMES = COLUMNS.map(([name]) => name);

// Three batches, one of them empty, and every caption case more than once.
const BATCHES = [makeExportRows(13), [], makeExportRows(29, 13)];
const ROWS = BATCHES.flat();

/** The row as the typed formats hold it: extras as strings (JSON text unless a string). */
function expected(r: ExportRow): Record<string, unknown> {
  const extra = (k: string) => {
    const v = r.extra?.[k];
    return v === null || v === undefined ? null : typeof v === 'string' ? v : JSON.stringify(v);
  };
  return {
    URL: r.url, TEXT: r.caption, WIDTH: r.width, HEIGHT: r.height,
    similarity: r.similarity, punsafe: r.punsafe, pwatermark: r.pwatermark, AESTHETIC_SCORE: r.aesthetic,
    hash: r.hash, LICENSE: r.license, LANGUAGE: r.language, NSFW: r.nsfw, key: r.sampleId, sieve_id: r.id,
    score: extra('score'), exif: extra('exif'), note: extra('note'), missing: null,
  };
}

let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let runs = 0;
beforeAll(async () => {
  tmp = await makeTempDir('export-writers');
});
afterAll(() => tmp.cleanup());

async function writeExport(format: ExportFormat, batches: ExportRow[][], extraColumns = EXTRA_COLUMNS) {
  const dir = join(tmp.dir, `${runs++}-${format}`);
  await mkdir(dir);
  const writer = await openWriter(format, dir, { extraColumns });
  for (const batch of batches) await writer.write(batch);
  const files = await writer.finish();
  return { dir, files, path: join(dir, files[0].path) };
}

describe('parquet', () => {
  it('DuckDB reads every row and value back, with LAION names and types', async () => {
    const { files, path } = await writeExport('parquet', BATCHES);
    expect(files).toEqual([{ path: 'export.parquet', rows: ROWS.length, bytes: expect.any(Number) }]);
    const describe_ = await queryDuckdb(`DESCRIBE SELECT * FROM read_parquet('${path}')`);
    expect(describe_.rows.map((r) => [r.column_name, r.column_type])).toEqual(COLUMNS);
    const { rows } = await queryDuckdb(`SELECT * FROM read_parquet('${path}')`);
    expect(rows).toEqual(ROWS.map((r) => ({ ...expected(r), sieve_id: BigInt(r.id) })));
    expect(new Set(rows.map((r) => r.TEXT))).toEqual(new Set(CAPTIONS));
  });

  it('renames an extra column that clashes with a LAION column, ignoring case, and writes a repeated one once', async () => {
    const row = { ...makeExportRows(1)[0], extra: { text: 'source text', SIEVE_ID: 7, extra_text: 'x' } };
    const { path } = await writeExport('parquet', [[row]], ['text', 'SIEVE_ID', 'extra_text', 'text']);
    const { columns, rows } = await queryDuckdb(`SELECT * FROM read_parquet('${path}')`);
    expect(columns.slice(NAMES.length - EXTRA_COLUMNS.length)).toEqual(['extra_text', 'extra_SIEVE_ID', 'extra_extra_text']);
    expect(rows[0]).toMatchObject({ TEXT: row.caption, sieve_id: BigInt(row.id), extra_text: 'source text', extra_SIEVE_ID: '7', extra_extra_text: 'x' });
  });
});

describe('csv', () => {
  it('DuckDB reads every row and value back, captions with quotes, commas, line breaks and unicode intact', async () => {
    const { files, path } = await writeExport('csv', BATCHES);
    expect(files[0]).toMatchObject({ path: 'export.csv', rows: ROWS.length });
    const bytes = await readFile(path, 'utf8');
    expect(bytes.startsWith(`${NAMES.join(',')}\r\n`)).toBe(true);
    // allow_quoted_nulls=false: a quoted empty field is '' and only an empty unquoted one is null.
    const { columns, rows } = await queryDuckdb(
      `SELECT * FROM read_csv('${path}', header=true, all_varchar=true, allow_quoted_nulls=false)`,
    );
    expect(columns).toEqual(NAMES);
    const asText = (v: unknown) => (v === null ? null : String(v));
    expect(rows).toEqual(ROWS.map((r) => Object.fromEntries(Object.entries(expected(r)).map(([k, v]) => [k, asText(v)]))));
  });

  it('reads back typed when DuckDB sniffs the types', async () => {
    const { path } = await writeExport('csv', BATCHES);
    const { rows } = await queryDuckdb(`SELECT sieve_id, WIDTH, similarity FROM read_csv('${path}', header=true)`);
    // DuckDB sniffs integers as BIGINT (bigint in JS) and decimals as DOUBLE.
    const num = (v: unknown) => (v === null ? null : Number(v));
    expect(rows.map((r) => [num(r.sieve_id), num(r.WIDTH), r.similarity])).toEqual(ROWS.map((r) => [r.id, r.width, r.similarity]));
  });
});

describe('jsonl', () => {
  it('writes one object per line with the columns as keys in order and extras as JSON values', async () => {
    const { files, path } = await writeExport('jsonl', BATCHES);
    expect(files[0]).toMatchObject({ path: 'export.jsonl', rows: ROWS.length });
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(ROWS.length);
    lines.forEach((line, i) => {
      const object = JSON.parse(line) as Record<string, unknown>;
      expect(Object.keys(object)).toEqual(NAMES);
      const r = ROWS[i];
      expect(object).toEqual({ ...expected(r), score: r.extra?.score ?? null, exif: r.extra?.exif ?? null });
    });
    const { rows } = await queryDuckdb(`SELECT count(*) AS n FROM read_json('${path}', format='newline_delimited')`);
    expect(rows).toEqual([{ n: BigInt(ROWS.length) }]);
  });
});

describe('urls', () => {
  it('writes one URL per line, skipping rows without one or with a line break in it', async () => {
    const extra = [
      { ...ROWS[0], url: 'https://example.org/a\nb.jpg' },
      { ...ROWS[0], url: 'https://example.org/a\rb.jpg' },
      { ...ROWS[0], url: '' },
    ];
    const { files, path } = await writeExport('urls', [...BATCHES, extra]);
    const urls = ROWS.map((r) => r.url).filter((u): u is string => u !== null);
    expect(urls.length).toBeLessThan(ROWS.length);
    expect(files).toEqual([{ path: 'urls.txt', rows: urls.length, bytes: Buffer.byteLength(urls.join('\n') + '\n') }]);
    expect(await readFile(path, 'utf8')).toBe(urls.join('\n') + '\n');
  });
});

describe('every tabular format', () => {
  it.each(['parquet', 'csv', 'jsonl'] as const)('%s: an export of zero rows is a valid, empty file', async (format) => {
    const { files, path } = await writeExport(format, []);
    expect(files[0].rows).toBe(0);
    const read = { parquet: `read_parquet('${path}')`, csv: `read_csv('${path}', header=true, all_varchar=true)`, jsonl: `read_json('${path}', format='newline_delimited')` }[format];
    const { columns, rows } = await queryDuckdb(`SELECT * FROM ${read}`);
    expect(rows).toEqual([]);
    // A JSONL file has no header, so zero rows cannot name any column.
    if (format !== 'jsonl') expect(columns).toEqual(NAMES);
  });

  it.each(['parquet', 'csv', 'jsonl', 'urls'] as const)('%s: the same rows give byte-identical files', async (format) => {
    const first = await writeExport(format, BATCHES);
    const second = await writeExport(format, BATCHES);
    expect(first.files).toEqual(second.files);
    expect((await readFile(second.path)).equals(await readFile(first.path))).toBe(true);
  });

  it.each(['parquet', 'csv', 'jsonl', 'urls'] as const)('%s: abort closes the writer; it refuses rows afterwards', async (format) => {
    const dir = join(tmp.dir, `${runs++}-abort`);
    await mkdir(dir);
    const writer = await openWriter(format, dir, { extraColumns: [] });
    await writer.write(makeExportRows(5));
    await writer.abort();
    await writer.abort();
    await expect(writer.write(makeExportRows(1))).rejects.toBeInstanceOf(AppError);
  });

  it('rejects an unknown format', async () => {
    await expect(openWriter('xml' as ExportFormat, tmp.dir, { extraColumns: [] })).rejects.toMatchObject({ code: 'bad_request' });
  });
});
