// Reads a clip-retrieval embeddings folder (metadata/, img_emb/, optional text_emb/): one Shard per partition N.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../errors/app-error';
import { badInput } from '../errors/bad-input';
import { compareNatural } from './compare-natural';
import { openEmbeddingShard } from './open-embedding-shard';
import type { Shard, Source } from './types';

/**
 * Pairs metadata/metadata_N.parquet with img_emb/img_emb_N.npy (and text_emb/text_emb_N.npy
 * when that folder has files) by N, and opens every partition's headers up front.
 */
export async function readEmbeddingFolder(root: string): Promise<Source> {
  const metadata = await listPartitions(root, 'metadata', /^metadata_(\d+)\.parquet$/, true);
  const img = await listPartitions(root, 'img_emb', /^img_emb_(\d+)\.npy$/, true);
  const text = await listPartitions(root, 'text_emb', /^text_emb_(\d+)\.npy$/, false);
  if (metadata.size === 0) {
    throw new AppError('bad_request', `${root}: metadata/ holds no metadata_N.parquet files`, { file: 'metadata' });
  }
  for (const [n, file] of img) {
    if (!metadata.has(n)) throw badInput(file, `has no matching metadata/metadata_${n}.parquet`);
  }
  for (const [n, file] of text) {
    if (!metadata.has(n)) throw badInput(file, `has no matching metadata/metadata_${n}.parquet`);
  }

  const shards: Shard[] = [];
  for (const n of [...metadata.keys()].sort(compareNatural)) {
    const file = metadata.get(n)!;
    const imgEmb = img.get(n);
    if (!imgEmb) throw badInput(file, `has no matching img_emb/img_emb_${n}.npy`);
    const textEmb = text.get(n) ?? null;
    // A partial text_emb/ means a copy went wrong; silently dropping text vectors for some partitions would hide it.
    if (text.size > 0 && !textEmb) throw badInput(file, `has no matching text_emb/text_emb_${n}.npy although other partitions have one`);
    shards.push(await openEmbeddingShard(root, { metadata: file, imgEmb, textEmb }));
  }
  const first = shards[0];
  for (const shard of shards) {
    if (shard.dim !== first.dim) {
      throw badInput(shard.file, `has ${shard.dim}-dim embeddings but ${first.file} has ${first.dim}-dim; one folder must hold one CLIP model`);
    }
  }
  return { kind: 'embedding-folder', root, shards };
}

/** Map from partition number (without leading zeros) to path relative to root. */
async function listPartitions(root: string, dir: string, pattern: RegExp, required: boolean): Promise<Map<string, string>> {
  let names: string[];
  try {
    names = await readdir(join(root, dir));
  } catch (e) {
    if (!required && (e as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new AppError('bad_request', `${root}: cannot list ${dir}/ (${(e as NodeJS.ErrnoException).code ?? e})`, { file: dir });
  }
  const out = new Map<string, string>();
  for (const name of names) {
    // Keyed by value so a zero-padded metadata_00 still pairs with img_emb_0.
    const n = pattern.exec(name)?.[1]?.replace(/^0+(?=\d)/, '');
    if (n !== undefined) out.set(n, `${dir}/${name}`);
  }
  return out;
}
