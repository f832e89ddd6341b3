// Which pairs of a finished export the hiding rule hides now: its pair-ids.bin read against the hidden pairs of its
// dataset (few), so a download is refused while the export still holds one and the 'hiding' job knows what to rewrite.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Queryable } from '../db/client';
import { findHiddenPairIds } from '../pairs/find-hidden-pair-ids';
import { findPairIdsIn, PAIR_IDS_FILE } from './pair-ids-file';

/** The hidden pairs it holds; null when its pair-ids.bin is not in its folder (moved away, or being swapped). */
export async function findHiddenInExport(q: Queryable, e: { datasetId: number | null; folder: string | null }): Promise<number[] | null> {
  if (!e.folder) return null;
  const file = path.join(e.folder, PAIR_IDS_FILE);
  const hidden = new Set(e.datasetId === null ? [] : await findHiddenPairIds(q, e.datasetId));
  try {
    if (hidden.size === 0) return (await fs.stat(file)) && [];
    return await findPairIdsIn(file, hidden);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}
