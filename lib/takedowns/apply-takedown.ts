// Apply: every kept match gets a flag of the request's reason, linked to the request (a job over a thousand pairs);
// the pairs leave clean exports at once, and a csam_report hides their images at once.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import { SYNC_FLAG_LIMIT } from '../flags/schemas';
import { writeFlags } from '../flags/write-flags';
import { enqueueJob } from '../jobs/enqueue-job';
import { REASON_OF_KIND, type TakedownSummary } from './schemas';
import { countKept, selectKeptPairIds, selectTakedown, updateTakedownState } from './sql';

export async function applyTakedown(db: Db, actor: Actor, id: number): Promise<{ pairs: number; flagged?: number; job?: { id: number; state: string } }> {
  const t = await selectTakedown(db, id);
  if (!t) throw new AppError('not_found', `takedown ${id} does not exist`);
  if (t.state !== 'matched' && t.state !== 'applied') throw new AppError('conflict', `takedown ${id} is ${t.state}: match it first`);
  const pairs = await countKept(db, id);
  if (pairs > SYNC_FLAG_LIMIT) {
    const { job } = await enqueueJob(db, { kind: 'takedown', params: { takedownId: id, ip: actor.ip }, dedupeKey: `takedown:${id}`, createdBy: actor.id });
    return { pairs, job: { id: job.id, state: job.state } };
  }
  const flagged = await flagKept(db, { id: actor.id, ip: actor.ip }, t, 0, () => undefined);
  return { pairs, flagged };
}

/** Flags the kept matches after `afterId` in batches, then marks the request applied (audited with the count). */
export async function flagKept(db: Db, actor: Pick<Actor, 'id' | 'ip'>, t: TakedownSummary, afterId: number, onBatch: (lastId: number, flagged: number) => unknown): Promise<number> {
  const reason = REASON_OF_KIND[t.kind];
  const note = t.kind === 'legal_order' || t.kind === 'other' ? `takedown ${t.id} (${t.kind}) from ${t.requester}` : null;
  let flagged = 0;
  for (let after = afterId; ; ) {
    const ids = await selectKeptPairIds(db, t.id, after, SYNC_FLAG_LIMIT);
    if (ids.length === 0) break;
    // Confirmed at once: the curator decided when they applied the request, and the pairs must leave clean exports now.
    flagged += await writeFlags(db, actor, { pairIds: ids, reason, note, takedownId: t.id, confirmed: true });
    after = ids[ids.length - 1];
    await onBatch(after, flagged);
  }
  await db.tx(async (tx) => {
    await updateTakedownState(tx, t.id, 'applied');
    await recordEvent(tx, { actor: actor.id, action: 'takedown.apply', subject: `takedown:${t.id}`, ip: actor.ip, details: { reason, flagged } });
  });
  return flagged;
}
