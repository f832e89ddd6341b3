// Bench data that looks like CLIP's image space rather than uniform noise: every vector shares a cone (random pairs
// at cosine ≈ 0.5), topics nest (200 topics × 20 subtopics), and 3 % of rows are near-duplicates of an earlier row.
// Written part by part in clip-retrieval's layout (metadata_N.parquet + float16 img_emb_N.npy), never whole in memory.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { writeNpy } from '../lib/export/writers/write-npy';
import { gaussian, RARE_LANGUAGE } from '../lib/search/__fixtures__/write-clustered-folder';

const TOPICS = 200;
const SUBTOPICS = 20;
const DUPLICATE_SHARE = 0.03;
const PART_ROWS = 250_000;

export interface ClipLikeSpace {
  dim: number;
  /** Row `i`'s vector, unit length; the same `i` always gives the same vector. */
  vector(i: number): Float32Array;
}

/** The space's generator: cheap per row (a few hundred multiply-adds), so 1 M rows write in a minute or two. */
/**
 * `jitter` is each row's own share: at 0.22 two rows of one subtopic sit at cosine ≈ 0.94, the duplicate threshold
 * (hard for an index); at 0.3 they sit at ≈ 0.89, so only near-duplicates count as copies (the hiding rule's bench).
 */
export function clipLikeSpace(dim: number, seed = 11, jitter = 0.22): ClipLikeSpace {
  const rand = gaussian(seed);
  const unit = (v: Float32Array) => {
    let n = 0;
    for (const x of v) n += x * x;
    const s = 1 / Math.sqrt(n);
    return v.map((x) => x * s);
  };
  const cone = unit(Float32Array.from({ length: dim }, rand));
  const topics = Array.from({ length: TOPICS }, () => unit(Float32Array.from({ length: dim }, rand)));
  const subtopics = Array.from({ length: TOPICS * SUBTOPICS }, () => unit(Float32Array.from({ length: dim }, rand)));
  // Per-row noise from a row-seeded generator, so any row can be made again on its own (held-out queries, duplicates).
  const rowNoise = (i: number) => gaussian(seed * 1_000_003 + i);
  const base = (i: number, jitter: number) => {
    const r = rowNoise(i);
    const sub = (Math.imul(i, 2654435761) >>> 0) % (TOPICS * SUBTOPICS);
    const topic = Math.floor(sub / SUBTOPICS);
    const v = new Float32Array(dim);
    for (let d = 0; d < dim; d++) v[d] = 0.65 * cone[d] + 0.45 * topics[topic][d] + 0.35 * subtopics[sub][d] + jitter * r() / Math.sqrt(dim);
    return unit(v);
  };
  return {
    dim,
    vector(i) {
      // A near-duplicate re-encodes an earlier row's picture: its vector, slightly moved.
      const dup = ((Math.imul(i, 40503) >>> 0) % 1000) / 1000 < DUPLICATE_SHARE && i > 0;
      if (!dup) return base(i, jitter);
      // A hash, not a multiple of i: (97 · i) mod i is 0, which made every near-duplicate a copy of row 0.
      const of = (Math.imul(i ^ 0x5bd1e995, 2246822519) >>> 0) % i;
      const v = base(of, jitter);
      const r = rowNoise(i);
      return unit(v.map((x) => x + (0.06 * r()) / Math.sqrt(dim)));
    },
  };
}

/** Writes `rows` rows in parts of 250,000; LANGUAGE is "xx" on 1 % of rows (the rare filter). */
export async function writeClipLikeFolder(root: string, rows: number, space: ClipLikeSpace): Promise<void> {
  await mkdir(join(root, 'metadata'), { recursive: true });
  await mkdir(join(root, 'img_emb'), { recursive: true });
  for (let part = 0, start = 0; start < rows; part++, start += PART_ROWS) {
    const n = Math.min(PART_ROWS, rows - start);
    const ids = Array.from({ length: n }, (_, k) => start + k);
    parquetWriteFile({
      filename: join(root, 'metadata', `metadata_${part}.parquet`),
      columnData: [
        { name: 'URL', data: ids.map((i) => `https://img${i % 97}.example.com/${i}.jpg`), type: 'STRING' },
        { name: 'TEXT', data: ids.map((i) => `generated pair ${i} of topic ${(Math.imul(i, 2654435761) >>> 0) % TOPICS}`), type: 'STRING' },
        { name: 'LANGUAGE', data: ids.map((i) => (i % 100 === 7 ? RARE_LANGUAGE : 'en')), type: 'STRING' },
      ],
    });
    const npy = await writeNpy(root, `img_emb/img_emb_${part}.npy`, space.dim);
    for (let k = 0; k < n; k += 10_000) await npy.write(ids.slice(k, k + 10_000).map((i) => space.vector(i)));
    await npy.finish();
  }
}
