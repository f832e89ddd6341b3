// The author of an open flag takes it back; the trail keeps what it was.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import { deleteOwnOpenFlag, selectFlag } from './sql';
import { refreshHiding } from '../pairs/refresh-hiding';

export async function withdrawFlag(db: Db, actor: Actor, id: number): Promise<{ withdrawn: number }> {
  return db.tx(async (tx) => {
    // No row lock (a sharded table refuses FOR UPDATE across a join): the delete below is conditional instead.
    const flag = await selectFlag(tx, id);
    if (!flag) throw new AppError('not_found', `flag ${id} does not exist`);
    if (flag.createdBy !== actor.id) throw new AppError('forbidden', 'only the curator who raised a flag can withdraw it');
    if (!(await deleteOwnOpenFlag(tx, id, actor.id!))) throw new AppError('conflict', `flag ${id} is already ${flag.state}: a decided flag stays`);
    if (flag.reason === 'csam_suspected') await refreshHiding(tx, [flag.pairId]);
    await recordEvent(tx, { actor: actor.id, action: 'flag.withdraw', subject: `pair:${flag.pairId}`, ip: actor.ip, details: { flagId: id, reason: flag.reason, note: flag.note } });
    return { withdrawn: id };
  });
}
