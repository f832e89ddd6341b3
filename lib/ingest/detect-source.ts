// Decides what a user-given path holds (embedding folder, parquet, img2dataset output) and opens it as a Source.
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { AppError } from '../errors/app-error';
import { compareNatural } from './compare-natural';
import { listImg2datasetShards } from './list-img2dataset-shards';
import { readEmbeddingFolder } from './read-embedding-folder';
import { readImg2dataset } from './read-img2dataset';
import { readParquetSource } from './read-parquet-source';
import { readTarShard } from './read-tar-shard';
import type { Source } from './types';

export interface OpenSourceOptions {
  /** Absolute folder webdataset images are extracted into; use one per dataset, since shard names repeat across sources. */
  mediaDir?: string;
}

/**
 * Opens every shard's header (parquet footers, npy headers, tar indexes, folder listings), so
 * bad structure fails here, before anything is written. Shard files are relative to
 * `source.root`; for a single file the root is its folder and the shard its base name.
 */
export async function openSource(path: string, options: OpenSourceOptions = {}): Promise<Source> {
  const abs = resolve(path);
  const info = await stat(abs).catch(() => null);
  if (!info) throw new AppError('bad_request', `${path} does not exist or cannot be read`, { file: path });

  if (info.isFile()) {
    const root = dirname(abs);
    const name = basename(abs);
    if (/\.parquet$/i.test(name)) return readParquetSource(root, [name]);
    if (/\.tar$/i.test(name)) {
      if (!options.mediaDir) throw new AppError('bad_request', `${name}: a media folder is needed to extract images from webdataset tars`, { file: name });
      return { kind: 'img2dataset', root, shards: [await readTarShard(root, name, resolve(options.mediaDir))] };
    }
    throw new AppError('bad_request', `${path}: expected a .parquet or .tar file, or a folder`, { file: path });
  }
  if (!info.isDirectory()) throw new AppError('bad_request', `${path} is neither a file nor a folder`, { file: path });

  const entries = await readdir(abs, { withFileTypes: true });
  const dirs = new Set(entries.filter((e) => e.isDirectory()).map((e) => e.name));
  if (dirs.has('metadata') && dirs.has('img_emb')) return readEmbeddingFolder(abs);
  if ((await listImg2datasetShards(abs)).length > 0) return readImg2dataset(abs, options);
  const parquets = entries.filter((e) => e.isFile() && /\.parquet$/i.test(e.name)).map((e) => e.name).sort(compareNatural);
  if (parquets.length > 0) return readParquetSource(abs, parquets);
  throw new AppError(
    'bad_request',
    `${path}: found nothing to ingest (expected .parquet files, a clip-retrieval folder with metadata/ and img_emb/, ` +
      'or img2dataset output: .tar shards or numbered folders of image + .txt + .json)',
    { file: path },
  );
}
