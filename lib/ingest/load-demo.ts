// Loads the bundled demo datasets (data/demo/demo.json) once; later starts find them done and skip.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../db/client';
import { ingestDataset } from './ingest-dataset';

export const DEMO_DIR = fileURLToPath(new URL('../../data/demo', import.meta.url));

const demoEntries = () => JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'demo.json'), 'utf8')) as { dataset: string; path: string }[];

/** The demo's dataset names, in load order. */
export const DEMO_DATASETS = () => demoEntries().map((e) => e.dataset);

export async function loadDemo(db: Db, log: (m: string) => void = () => undefined): Promise<void> {
  for (const e of demoEntries()) {
    const s = await ingestDataset(db, { dataset: e.dataset, path: path.join(DEMO_DIR, e.path) });
    log(s.inserted ? `demo: loaded ${s.inserted} pairs into "${e.dataset}"` : `demo: "${e.dataset}" already loaded`);
  }
}
