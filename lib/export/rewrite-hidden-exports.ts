// Every finished export that holds a pair hidden since it was made is rewritten without it (the 'hiding' job runs
// this after the pairs part). Exports of datasets with no hidden pair cost one query; the others a read of their
// pair-ids.bin. An export whose files are not where Sieve put them is reported, its download stays refused.
import type { Db } from '../db/client';
import { findHiddenPairIds } from '../pairs/find-hidden-pair-ids';
import { findHiddenInExport } from './find-hidden-in-export';
import { rewriteExport } from './rewrite-export';
import type { ExportHooks } from './run-export';
import { selectFinishedExports } from './sql';

export interface ExportsRewritten {
  checked: number;
  rewritten: { exportId: number; removed: number }[];
  /** Finished exports whose pair-ids.bin is missing: moved away by hand, so neither checked nor downloadable. */
  missing: number[];
}

export async function rewriteHiddenExports(db: Db, hooks: ExportHooks = {}): Promise<ExportsRewritten> {
  const out: ExportsRewritten = { checked: 0, rewritten: [], missing: [] };
  const hiddenIn = new Map<number, boolean>();
  for (const e of await selectFinishedExports(db)) {
    hooks.signal?.throwIfAborted();
    if (e.datasetId === null) continue;
    if (!hiddenIn.has(e.datasetId)) hiddenIn.set(e.datasetId, (await findHiddenPairIds(db, e.datasetId)).length > 0);
    if (!hiddenIn.get(e.datasetId)) continue;
    out.checked++;
    const held = await findHiddenInExport(db, e);
    if (held === null) out.missing.push(e.id);
    else if (held.length) {
      await hooks.onProgress?.(out.rewritten.length, `rewriting export ${e.id} without ${held.length} hidden pairs`);
      out.rewritten.push({ exportId: e.id, removed: (await rewriteExport(db, e.id, { signal: hooks.signal })).removed });
    }
  }
  return out;
}
