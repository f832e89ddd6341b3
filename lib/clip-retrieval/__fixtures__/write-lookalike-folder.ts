// Test support: a clip-retrieval embedding folder of look-alikes: every random direction is written four times, the
// first two as near-duplicates of each other (cosine ≈ 0.98), the last two apart (≈ 0.8 from the rest).
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { writeNpy } from '../../ingest/__fixtures__/write-npy';
import { gaussian } from '../../search/__fixtures__/write-clustered-folder';

export const COPIES = 4;
// Noise energy per copy (d·σ²): 0.02 keeps a copy within cosine 0.98 of its twin, 0.5 takes it to about 0.8.
const NOISE = [0.02, 0.02, 0.5, 0.5];

export function lookalikeVectors(bases: number, dim: number, seed = 11): Float32Array {
  const rand = gaussian(seed);
  const out = new Float32Array(bases * COPIES * dim);
  for (let b = 0; b < bases; b++) {
    const base = Float32Array.from({ length: dim }, rand);
    const norm = Math.hypot(...base);
    for (let c = 0; c < COPIES; c++) {
      const sigma = Math.sqrt(NOISE[c] / dim);
      const row = (b * COPIES + c) * dim;
      for (let i = 0; i < dim; i++) out[row + i] = base[i] / norm + sigma * rand();
    }
  }
  return out;
}

/** Rows 2k and 2k+1 share a URL, as LAION repeats URLs; captions name the row. Returns the vectors as written. */
export async function writeLookalikeFolder(root: string, bases: number, dim: number, seed?: number): Promise<Float32Array> {
  await mkdir(join(root, 'metadata'), { recursive: true });
  await mkdir(join(root, 'img_emb'), { recursive: true });
  const rows = bases * COPIES;
  const ids = Array.from({ length: rows }, (_, i) => i);
  parquetWriteFile({
    filename: join(root, 'metadata', 'metadata_0.parquet'),
    columnData: [
      { name: 'URL', data: ids.map((i) => `https://img${Math.floor(i / 2) % 5}.example.com/${dim}/${Math.floor(i / 2)}.jpg`), type: 'STRING' },
      { name: 'TEXT', data: ids.map((i) => `look-alike ${i} of direction ${Math.floor(i / COPIES)}`), type: 'STRING' },
      { name: 'NSFW', data: ids.map((i) => (i % 3 === 0 ? 'UNLIKELY' : 'UNSURE')), type: 'STRING' },
      { name: 'WIDTH', data: ids.map((i) => 200 + i), type: 'INT32' },
    ],
  });
  const vectors = lookalikeVectors(bases, dim, seed);
  await writeNpy(join(root, 'img_emb', 'img_emb_0.npy'), { descr: '<f4', shape: [rows, dim], data: vectors });
  return vectors;
}
