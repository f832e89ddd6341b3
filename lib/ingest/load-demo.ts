// Loads the bundled demo datasets (data/demo/demo.json) once; later starts find them done and skip. They are read
// from a copy under the data folder: hiding a pair deletes its local image, and the checkout's own files must stay.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/client';
import { dataHome } from '../db/config';
import { ingestDataset } from './ingest-dataset';

export const DEMO_DIR = fileURLToPath(new URL('../../data/demo', import.meta.url));

const demoEntries = () => JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'demo.json'), 'utf8')) as { dataset: string; path: string }[];

/** The demo's dataset names, in load order. */
export const DEMO_DATASETS = () => demoEntries().map((e) => e.dataset);

export async function loadDemo(db: Db, log: (m: string) => void = () => undefined): Promise<void> {
  const copy = path.join(dataHome(), 'demo');
  // A copy made once (2.8 MB); the shards' fingerprints are of their content, so a copy loads as the original did.
  if (!fs.existsSync(copy)) {
    await fs.promises.cp(DEMO_DIR, `${copy}.partial`, { recursive: true });
    await fs.promises.rename(`${copy}.partial`, copy);
  }
  for (const e of demoEntries()) {
    const s = await ingestDataset(db, { dataset: e.dataset, path: path.join(copy, e.path) });
    log(s.inserted ? `demo: loaded ${s.inserted} pairs into "${e.dataset}"` : `demo: "${e.dataset}" already loaded`);
  }
}
