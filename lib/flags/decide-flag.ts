// A reviewer confirms or rejects an open flag. Conditional on the flag still being open, so of two reviewers deciding
// at once one wins and the other gets 409 with the decision that stands; four eyes for the configured reasons.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import { fourEyesReasons } from './reasons';
import { DecideInput, type FlagSummary } from './schemas';
import { selectFlag, updateDecision } from './sql';
import { refreshHiding } from '../pairs/refresh-hiding';

export async function decideFlag(db: Db, actor: Actor, id: number, raw: DecideInput): Promise<FlagSummary> {
  const input = DecideInput.parse(raw);
  const state = input.decision === 'confirm' ? 'confirmed' : 'rejected';
  return db.tx(async (tx) => {
    const flag = await selectFlag(tx, id);
    if (!flag) throw new AppError('not_found', `flag ${id} does not exist`);
    if (flag.createdBy !== null && flag.createdBy === actor.id && fourEyesReasons().has(flag.reason)) {
      throw new AppError('forbidden', `four eyes: a ${flag.reason} flag must be decided by a reviewer other than the one who raised it`);
    }
    if (!(await updateDecision(tx, id, state, actor.id!))) {
      const now = (await selectFlag(tx, id))!;
      throw new AppError('conflict', `flag ${id} was already ${now.state}${now.decidedByEmail ? ` by ${now.decidedByEmail}` : ''}`, { flag: now });
    }
    if (flag.reason === 'csam_suspected') await refreshHiding(tx, [flag.pairId]);
    const [{ dataset_id }] = await tx.query<{ dataset_id: number }>('SELECT dataset_id FROM pairs WHERE id = $1', [flag.pairId]);
    await recordEvent(tx, {
      actor: actor.id, action: `flag.${input.decision}`, subject: `pair:${flag.pairId}`, datasetId: dataset_id, ip: actor.ip,
      details: { flagId: id, reason: flag.reason, ...(input.note ? { note: input.note } : {}) },
    });
    return (await selectFlag(tx, id))!;
  });
}
