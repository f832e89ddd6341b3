// Finds img2dataset shards in a folder: webdataset .tar files and `files`-format numbered folders of samples.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { compareNatural } from './compare-natural';
import { groupSamples } from './group-samples';

/** Relative names of the shards directly under `absRoot`, in natural order; empty when there are none. */
export async function listImg2datasetShards(absRoot: string): Promise<string[]> {
  const entries = await readdir(absRoot, { withFileTypes: true });
  const out: string[] = [];
  for (const e of entries) {
    if (e.isFile() && /\.tar$/i.test(e.name)) out.push(e.name);
    else if (e.isDirectory() && /^\d+$/.test(e.name)) {
      const names = await readdir(join(absRoot, e.name));
      if (groupSamples(names).length > 0) out.push(e.name);
    }
  }
  return out.sort(compareNatural);
}
