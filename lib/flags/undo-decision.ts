// Undo (the review page's `u`): the reviewer who decided a flag reopens it; an audited reversal, not an erasure.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import type { FlagSummary } from './schemas';
import { reopenDecision, selectFlag } from './sql';
import { refreshHiding } from '../pairs/refresh-hiding';

export async function undoDecision(db: Db, actor: Actor, id: number): Promise<FlagSummary> {
  return db.tx(async (tx) => {
    const before = await selectFlag(tx, id);
    if (!before) throw new AppError('not_found', `flag ${id} does not exist`);
    if (!(await reopenDecision(tx, id, actor.id!))) {
      throw new AppError('conflict', before.state === 'open' ? `flag ${id} is open: there is no decision to undo` : `only ${before.decidedByEmail ?? 'the reviewer who decided it'} can undo this decision`);
    }
    if (before.reason === 'csam_suspected') await refreshHiding(tx, [before.pairId]);
    await recordEvent(tx, { actor: actor.id, action: 'flag.reopen', subject: `pair:${before.pairId}`, ip: actor.ip, details: { flagId: id, reason: before.reason, undone: before.state } });
    return (await selectFlag(tx, id))!;
  });
}
