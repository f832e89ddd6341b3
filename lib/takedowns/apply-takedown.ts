// Apply: every kept match gets a flag of the request's reason, linked to the request (a job over a thousand pairs).
// A reviewer or admin applying a request decides its flags (confirmed: the pairs leave clean exports at once); a
// curator's, and any reason under four eyes, wait open for a reviewer (strict exports leave them out meanwhile). A
// csam_report hides its pairs at once either way: an open csam_suspected flag hides.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import { mayConfirmDirectly } from '../flags/may-confirm-directly';
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
  // Decided now, by who applies: a job run later carries the answer, not the role its owner may have by then.
  const confirm = mayConfirmDirectly(actor.role, REASON_OF_KIND[t.kind]);
  if (pairs > SYNC_FLAG_LIMIT) {
    const { job } = await enqueueJob(db, { kind: 'takedown', params: { takedownId: id, ip: actor.ip, confirm }, dedupeKey: `takedown:${id}`, createdBy: actor.id });
    return { pairs, job: { id: job.id, state: job.state } };
  }
  const flagged = await flagKept(db, { id: actor.id, ip: actor.ip }, t, 0, confirm, () => undefined);
  return { pairs, flagged };
}

/** Flags the kept matches after `afterId` in batches, then marks the request applied (audited with the count). */
export async function flagKept(
  db: Db, actor: Pick<Actor, 'id' | 'ip'>, t: TakedownSummary, afterId: number, confirm: boolean, onBatch: (lastId: number, flagged: number) => unknown,
): Promise<number> {
  const reason = REASON_OF_KIND[t.kind];
  const note = t.kind === 'legal_order' || t.kind === 'other' ? `takedown ${t.id} (${t.kind}) from ${t.requester}` : null;
  let flagged = 0;
  for (let after = afterId; ; ) {
    const ids = await selectKeptPairIds(db, t.id, after, SYNC_FLAG_LIMIT);
    if (ids.length === 0) break;
    flagged += await writeFlags(db, actor, { pairIds: ids, reason, note, takedownId: t.id, confirmed: confirm });
    after = ids[ids.length - 1];
    await onBatch(after, flagged);
  }
  await db.tx(async (tx) => {
    await updateTakedownState(tx, t.id, 'applied');
    await recordEvent(tx, { actor: actor.id, action: 'takedown.apply', subject: `takedown:${t.id}`, ip: actor.ip, details: { reason, flagged, state: confirm ? 'confirmed' : 'open' } });
  });
  return flagged;
}
