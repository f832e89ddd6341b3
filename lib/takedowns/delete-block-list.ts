// Deletes a block list and its entries, by its owner or an admin (a csam_suspected list or one from an authority: an
// admin only). The flags it raised stay as they are, decided or waiting, with its id: removing the list only stops it
// flagging what later ingests bring.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import { deleteBlockList as deleteRows, lockBlockList } from './block-list-sql';
import { checkBlockListPower } from './check-block-list-power';

export async function deleteBlockList(db: Db, actor: Pick<Actor, 'id' | 'ip' | 'role'>, by: { id?: number; name?: string }): Promise<{ id: number; name: string; entries: number }> {
  return db.tx(async (tx) => {
    const list = await lockBlockList(tx, by);
    if (!list) throw new AppError('not_found', `block list ${by.name !== undefined ? `"${by.name}"` : by.id} does not exist`);
    checkBlockListPower(actor, list, { kind: 'delete' });
    const entries = await deleteRows(tx, list.id);
    await recordEvent(tx, {
      actor: actor.id, action: 'blocklist.delete', subject: `blocklist:${list.id}`, ip: actor.ip,
      details: { name: list.name, reason: list.reason, authority: list.authority, owner: list.created_by, entries },
    });
    return { id: list.id, name: list.name, entries };
  });
}
