// The hiding rule, kept current: called in the transaction that raised, decided, reopened, withdrew or restored a
// csam_suspected flag, it hides each new source with its URL twins and look-alikes, and un-hides what a source that no
// longer is one alone hid. Pairs ingested later are checked by hideIngestedShard.
import type { Queryable } from '../db/client';
import { enqueueJob } from '../jobs/enqueue-job';
import { findLookalikes } from './find-lookalikes';
import {
  deleteBySources, insertLookalikes, insertSources, insertUrlTwins, selectHiddenVectors, selectKnownSources, selectSources, selectStillHidden,
} from './hiding-sql';

export interface HidingChange {
  /** Pairs hidden by this change (some may have been hidden by another source already). */
  hidden: number[];
  /** Pairs no source hides any more. */
  shown: number[];
}

export async function refreshHiding(tx: Queryable, pairIds: number[]): Promise<HidingChange> {
  const ids = [...new Set(pairIds)];
  if (ids.length === 0) return { hidden: [], shown: [] };
  const sources = new Set(await selectSources(tx, ids));
  const removed = await deleteBySources(tx, ids.filter((id) => !sources.has(id)));
  const known = await selectKnownSources(tx, [...sources]);
  const hidden = await hideSources(tx, [...sources].filter((s) => !known.has(s)));
  const still = await selectStillHidden(tx, removed);
  const change = { hidden, shown: removed.filter((id) => !still.has(id)) };
  // Files follow in the background (media deleted, exports that hold a hidden pair rewritten); downloads wait for it.
  if (hidden.length) await queueHidingFiles(tx);
  return change;
}

/** Each source, its URL twins in every dataset, and the look-alikes of all their images. Returns every pair it hid. */
export async function hideSources(tx: Queryable, sources: number[]): Promise<number[]> {
  if (sources.length === 0) return [];
  await insertSources(tx, sources);
  const twins = await insertUrlTwins(tx, { sources });
  const lookalikes = await insertLookalikes(tx, await findLookalikes(tx, await selectHiddenVectors(tx, { sources })));
  return [...new Set([...sources, ...twins, ...lookalikes])];
}

export const queueHidingFiles = (tx: Queryable) => enqueueJob(tx, { kind: 'hiding', params: {} });
