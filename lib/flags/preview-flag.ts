// How many pairs a flag request would cover, before the curator confirms it.
import type { Db } from '../db/client';
import { resolveFlagTarget } from './resolve-flag-target';
import { SYNC_FLAG_LIMIT, type FlagPreview, type FlagTarget } from './schemas';

/** `request` is parsed by its edge (the route). */
export async function previewFlag(db: Db, request: FlagTarget): Promise<FlagPreview> {
  const target = await resolveFlagTarget(db, request);
  const count = await target.count();
  return { count, dataset: target.dataset, background: count > SYNC_FLAG_LIMIT, ...(target.mode ? { mode: target.mode, k: target.k } : {}) };
}
