// Test support: writes LAION-style metadata parquet files and clip-retrieval embedding folders.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { writeNpy } from './write-npy';

export function writeLaionParquet(filename: string, rows: number, opts: { offset?: number; columns?: ('url' | 'caption')[] } = {}): void {
  const offset = opts.offset ?? 0;
  const ids = Array.from({ length: rows }, (_, i) => i + offset);
  const columns = opts.columns ?? ['url', 'caption'];
  parquetWriteFile({
    filename,
    columnData: [
      ...(columns.includes('url') ? [{ name: 'URL', data: ids.map((i) => `https://img${i % 7}.example.com/p/${i}.jpg`), type: 'STRING' as const }] : []),
      ...(columns.includes('caption') ? [{ name: 'TEXT', data: ids.map((i) => `caption number ${i}`), type: 'STRING' as const }] : []),
      { name: 'WIDTH', data: ids.map((i) => 100 + (i % 50)), type: 'INT32' },
      { name: 'HEIGHT', data: ids.map((i) => 80 + (i % 30)), type: 'INT32' },
      { name: 'punsafe', data: ids.map((i) => (i % 10) / 10), type: 'FLOAT' },
      { name: 'source_note', data: ids.map((i) => `note ${i}`), type: 'STRING' },
    ],
  });
}

/** Deterministic, non-unit vectors (so normalisation is exercised); `poison` puts a value at [row, 0]. */
export function makeVectors(rows: number, dim: number, seed: number, poison?: { row: number; value: number }): Float32Array {
  const v = new Float32Array(rows * dim);
  let s = seed;
  for (let i = 0; i < v.length; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    v[i] = (s / 2 ** 31 - 0.5) * 3;
  }
  if (poison) v[poison.row * dim] = poison.value;
  return v;
}

export async function writeEmbeddingFolder(
  root: string,
  parts: { rows: number; dim: number; npyRows?: number; poison?: { row: number; value: number } }[],
): Promise<void> {
  await mkdir(join(root, 'metadata'), { recursive: true });
  await mkdir(join(root, 'img_emb'), { recursive: true });
  let offset = 0;
  for (const [n, p] of parts.entries()) {
    writeLaionParquet(join(root, 'metadata', `metadata_${n}.parquet`), p.rows, { offset });
    const npyRows = p.npyRows ?? p.rows;
    await writeNpy(join(root, 'img_emb', `img_emb_${n}.npy`), { descr: '<f4', shape: [npyRows, p.dim], data: makeVectors(npyRows, p.dim, n + 1, p.poison) });
    offset += p.rows;
  }
}
