// How many pairs a flag request would cover, before the curator confirms it.
import type { Db } from '../db/client';
import { resolveFlagTarget } from './resolve-flag-target';
import { FlagTarget, SYNC_FLAG_LIMIT, type FlagPreview } from './schemas';

export async function previewFlag(db: Db, raw: unknown): Promise<FlagPreview> {
  const target = await resolveFlagTarget(db, FlagTarget.parse(raw));
  const count = await target.count();
  return { count, dataset: target.dataset, background: count > SYNC_FLAG_LIMIT, ...(target.mode ? { mode: target.mode, k: target.k } : {}) };
}
