// One img2dataset `files`-format folder (00000/ holding 000000000.jpg + .txt + .json) as a Shard.
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { badInput } from '../errors/bad-input';
import { groupSamples } from './group-samples';
import { openSampleShard } from './open-sample-shard';
import type { Shard } from './types';

/** Lists `root/folder` (relative `folder` becomes the shard file); images are served in place. */
export async function readSampleFolder(root: string, folder: string): Promise<Shard> {
  const abs = resolve(root, folder);
  let names: string[];
  try {
    const entries = await readdir(abs, { withFileTypes: true });
    names = entries.filter((e) => e.isFile()).map((e) => e.name);
  } catch (e) {
    throw badInput(folder, `cannot list folder (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  return openSampleShard({
    file: folder,
    root: resolve(root),
    samples: groupSamples(names),
    readMember: (name) =>
      readFile(join(abs, name)).catch((e: NodeJS.ErrnoException) => {
        throw badInput(folder, `cannot read ${name} (${e.code ?? e.message})`);
      }),
    placeImage: async (sample) => join(abs, sample.image!),
  });
}
