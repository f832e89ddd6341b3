// Reads an img2dataset output folder: one Shard per webdataset .tar and per `files`-format numbered folder.
import { resolve } from 'node:path';
import { AppError } from '../errors/app-error';
import { listImg2datasetShards } from './list-img2dataset-shards';
import { readSampleFolder } from './read-sample-folder';
import { readTarShard } from './read-tar-shard';
import type { Shard, Source } from './types';

export interface Img2datasetOptions {
  /** Absolute folder tar images are extracted into; required when the source has .tar shards. */
  mediaDir?: string;
}

/**
 * Shards are `*.tar` files and numbered sub-folders holding at least one image, .txt or .json
 * sample, in natural order; img2dataset's `00000.parquet` / `_stats.json` files are ignored.
 */
export async function readImg2dataset(root: string, options: Img2datasetOptions = {}): Promise<Source> {
  const absRoot = resolve(root);
  const shardFiles = await listImg2datasetShards(absRoot);
  if (shardFiles.length === 0) {
    throw new AppError('bad_request', `${absRoot}: no webdataset .tar files or numbered sample folders found`, { file: absRoot });
  }
  const shards: Shard[] = [];
  for (const file of shardFiles) {
    if (!file.toLowerCase().endsWith('.tar')) {
      shards.push(await readSampleFolder(absRoot, file));
      continue;
    }
    if (!options.mediaDir) {
      throw new AppError('bad_request', `${file}: a media folder is needed to extract images from webdataset tars`, { file });
    }
    shards.push(await readTarShard(absRoot, file, resolve(options.mediaDir)));
  }
  return { kind: 'img2dataset', root: absRoot, shards };
}
