// Test support: what a route answered or a file holds, as text a marker can be looked for in: JSON and text as is,
// Parquet read back through DuckDB (its strings may be compressed on disk), tar archives and gzip opened, images and
// other bytes as Latin-1 (a marker in a file name or metadata still shows).
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { queryDuckdb } from '@/lib/export/writers/__fixtures__/query-duckdb';

const PARQUET = Buffer.from('PAR1');
const GZIP = Buffer.from([0x1f, 0x8b]);

export async function textOf(bytes: Buffer): Promise<string> {
  if (bytes.subarray(0, 4).equals(PARQUET)) return parquetText(bytes);
  if (bytes.subarray(0, 2).equals(GZIP)) return textOf(gunzipSync(bytes));
  if (bytes.length > 262 && bytes.subarray(257, 262).toString('latin1') === 'ustar') return tarText(bytes);
  return bytes.toString('latin1');
}

async function parquetText(bytes: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'sieve-leak-'));
  try {
    const file = join(dir, 'x.parquet');
    await writeFile(file, bytes);
    const { rows } = await queryDuckdb(`SELECT * FROM read_parquet('${file}')`);
    return `${bytes.toString('latin1')}\n${JSON.stringify(rows, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function tarText(bytes: Buffer): Promise<string> {
  const extract = tar.extract();
  const parts: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    extract.on('entry', (header, stream, next) => {
      const chunks: Buffer[] = [Buffer.from(`${header.name}\n`)];
      stream.on('data', (c: unknown) => chunks.push(c as Buffer));
      stream.on('end', () => {
        parts.push(Buffer.concat(chunks));
        next();
      });
      stream.resume();
    });
    extract.on('finish', resolve);
    extract.on('error', reject);
  });
  extract.end(bytes);
  await done;
  return (await Promise.all(parts.map(textOf))).join('\n');
}

/** Every file under `dir`, with its text, its path included (a marker in a file name is a leak too). */
export async function filesUnder(dir: string): Promise<{ file: string; text: string }[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  const out: { file: string; text: string }[] = [];
  for (const e of entries) {
    const file = join(e.parentPath, e.name);
    if (!e.isFile() || (await stat(file)).size > 200 * 2 ** 20) continue;
    out.push({ file, text: `${file}\n${await textOf(await readFile(file))}` });
  }
  return out;
}
