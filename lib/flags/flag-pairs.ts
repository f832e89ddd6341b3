// Flags what a curator chose: a small target at once, a large one (over SYNC_FLAG_LIMIT pairs) by a background job.
import { createHash } from 'node:crypto';
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import type { Actor } from '../auth/schemas';
import { enqueueJob } from '../jobs/enqueue-job';
import { resolveFlagTarget } from './resolve-flag-target';
import { SYNC_FLAG_LIMIT, type FlagPairsRequest, type FlagResult } from './schemas';
import { writeFlags } from './write-flags';

/** `input` is parsed by its edge (the route). A job is given what this request resolved: a search's plan. */
export async function flagPairs(db: Db, actor: Actor, input: FlagPairsRequest): Promise<FlagResult> {
  if (!actor.id) throw new AppError('unauthorized', 'Sign in to flag pairs.');
  const target = await resolveFlagTarget(db, input.target);
  const matched = await target.count();
  const note = input.note ?? null;
  if (matched > SYNC_FLAG_LIMIT) {
    // The same request twice (a double click) while the first still runs is the one job.
    const dedupeKey = `flag:${createHash('sha256').update(JSON.stringify([input.target, input.reason, actor.id])).digest('hex').slice(0, 32)}`;
    const { job } = await enqueueJob(db, { kind: 'flag', params: { target: input.target, reason: input.reason, note, ip: actor.ip, ...(target.planned ? { planned: target.planned } : {}) }, dedupeKey, createdBy: actor.id });
    return { matched, job: { id: job.id, state: job.state } };
  }
  let flagged = 0;
  for await (const batch of target.batches(0, SYNC_FLAG_LIMIT)) flagged += await writeFlags(db, actor, { pairIds: batch.ids, reason: input.reason, note, jobId: null });
  return { matched, flagged };
}
