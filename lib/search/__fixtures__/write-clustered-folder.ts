// Test and bench support: a clip-retrieval embedding folder of clustered unit vectors (real CLIP spaces are
// clustered, not uniform), with a LANGUAGE column that is "xx" on exactly 1 % of rows.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { writeNpy } from '../../ingest/__fixtures__/write-npy';

export const RARE_LANGUAGE = 'xx';

/** Deterministic standard normals (Box–Muller over a seeded LCG). */
export function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 1) / 2 ** 32;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

export interface ClusterShape {
  seed?: number;
  /** Cluster count: 100 gives CLIP-like neighbourhoods; one per row gives structureless noise (HNSW's worst case). */
  clusters?: number;
  /** Spread of a point around its centre, per component (centres are standard normal). */
  noise?: number;
}

export function clusteredVectors(rows: number, dim: number, shape: ClusterShape = {}): Float32Array {
  const { seed = 7, clusters = 100, noise = 0.6 } = shape;
  const rand = gaussian(seed);
  const centres = Array.from({ length: clusters }, () => Float32Array.from({ length: dim }, rand));
  const out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    const c = centres[r % clusters];
    for (let i = 0; i < dim; i++) out[r * dim + i] = c[i] + noise * rand();
  }
  return out;
}

export async function writeClusteredFolder(root: string, rows: number, dim: number, shape: ClusterShape = {}): Promise<Float32Array> {
  await mkdir(join(root, 'metadata'), { recursive: true });
  await mkdir(join(root, 'img_emb'), { recursive: true });
  const ids = Array.from({ length: rows }, (_, i) => i);
  parquetWriteFile({
    filename: join(root, 'metadata', 'metadata_0.parquet'),
    columnData: [
      { name: 'URL', data: ids.map((i) => `https://img${i % 13}.example.com/${i}.jpg`), type: 'STRING' },
      { name: 'TEXT', data: ids.map((i) => `generated pair ${i}`), type: 'STRING' },
      { name: 'LANGUAGE', data: ids.map((i) => (i % 100 === 7 ? RARE_LANGUAGE : 'en')), type: 'STRING' },
    ],
  });
  const vectors = clusteredVectors(rows, dim, shape);
  await writeNpy(join(root, 'img_emb', 'img_emb_0.npy'), { descr: '<f4', shape: [rows, dim], data: vectors });
  return vectors;
}
