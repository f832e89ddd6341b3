// Streams export rows into clip-retrieval's embedding-folder layout: metadata/, img_emb/ and text_emb/ shards aligned row for row.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../errors/app-error';
import type { ExportRow, RowWriter, WriterOptions, WrittenFile } from './types';
import { writeNpy, type NpyWriter } from './write-npy';
import { writeParquet } from './write-parquet';

// clip-retrieval's own default partition size; a million 512-dim float16 rows is ~1 GiB of npy.
const DEFAULT_SHARD_ROWS = 1_000_000;

interface Shard {
  metadata: RowWriter;
  img: NpyWriter;
  text: NpyWriter | null;
  rows: number;
}

/**
 * metadata/metadata_N.parquet + img_emb/img_emb_N.npy (+ text_emb/text_emb_N.npy with
 * `withText`), N = 0, 1, … of `shardRows` rows each. Row i of one file of a shard is row i of
 * the others, which is how clip-retrieval and Sieve's ingest pair them. An export of zero rows
 * still writes shard 0, empty, so the folder reads back.
 */
export async function writeNpyFolder(dir: string, opts: WriterOptions): Promise<RowWriter> {
  const { dim, withText = false, shardRows = DEFAULT_SHARD_ROWS } = opts;
  if (dim === undefined || !Number.isInteger(dim) || dim <= 0) {
    throw new AppError('internal', `the npy export needs a positive integer embedding dimension, got ${dim}`);
  }
  if (!Number.isInteger(shardRows) || shardRows <= 0) {
    throw new AppError('internal', `shardRows must be a positive integer, got ${shardRows}`);
  }
  await mkdir(join(dir, 'metadata'));
  await mkdir(join(dir, 'img_emb'));
  if (withText) await mkdir(join(dir, 'text_emb'));

  const files: WrittenFile[] = [];
  let next = 0;
  let shard: Shard | null = null;
  let closed = false;

  async function openShard(): Promise<Shard> {
    const n = next++;
    const metadata = await writeParquet(dir, `metadata/metadata_${n}.parquet`, opts);
    const img = await writeNpy(dir, `img_emb/img_emb_${n}.npy`, dim!);
    const text = withText ? await writeNpy(dir, `text_emb/text_emb_${n}.npy`, dim!) : null;
    return { metadata, img, text, rows: 0 };
  }

  async function closeShard(s: Shard) {
    files.push(...(await s.metadata.finish()), await s.img.finish());
    if (s.text) files.push(await s.text.finish());
  }

  return {
    async write(batch) {
      if (closed) throw new AppError('internal', 'npy export: write after finish or abort');
      // Checked for the whole batch before writing any of it: a throw halfway would leave the
      // metadata and the vectors of a shard with different row counts.
      for (const row of batch) checkVectors(row, dim, withText);
      for (let start = 0; start < batch.length; ) {
        shard ??= await openShard();
        const part = batch.slice(start, start + shardRows - shard.rows);
        await shard.metadata.write(part);
        await shard.img.write(part.map((r) => r.imgEmb!));
        await shard.text?.write(part.map((r) => r.txtEmb!));
        shard.rows += part.length;
        start += part.length;
        // Closed as soon as it is full, not when the next row arrives, so no empty shard is
        // left behind when the total is a multiple of shardRows.
        if (shard.rows === shardRows) {
          const full: Shard = shard;
          shard = null;
          await closeShard(full);
        }
      }
    },
    async finish() {
      if (closed) throw new AppError('internal', 'npy export: finish after finish or abort');
      closed = true;
      if (next === 0) shard = await openShard();
      if (shard) await closeShard(shard);
      shard = null;
      return files;
    },
    async abort() {
      if (closed) return;
      closed = true;
      if (!shard) return;
      await Promise.allSettled([shard.metadata.abort(), shard.img.abort(), shard.text?.abort()]);
      shard = null;
    },
  };
}

function checkVectors(row: ExportRow, dim: number, withText: boolean) {
  const check = (v: Float32Array | null | undefined, what: string) => {
    if (!v) throw new AppError('internal', `pair ${row.id} has no ${what} embedding; the npy export needs one for every row`);
    if (v.length !== dim) throw new AppError('internal', `pair ${row.id} has a ${v.length}-dim ${what} embedding, expected ${dim}`);
  };
  check(row.imgEmb, 'image');
  if (withText) check(row.txtEmb, 'text');
}
