// Closes a request when it is done, or rejects it with a reason (a request whose items match nothing can be closed).
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import { CloseTakedownInput } from './schemas';
import { lockTakedownState, updateTakedownState } from './sql';

export async function closeTakedown(db: Db, actor: Actor, id: number, raw: unknown): Promise<void> {
  const input = CloseTakedownInput.parse(raw);
  if (input.action === 'reject' && !input.reason) throw new AppError('bad_request', 'reason: say why the request is rejected');
  await db.tx(async (tx) => {
    const state = await lockTakedownState(tx, id);
    if (!state) throw new AppError('not_found', `takedown ${id} does not exist`);
    if (state === 'closed' || state === 'rejected') throw new AppError('conflict', `takedown ${id} is already ${state}`);
    await updateTakedownState(tx, id, input.action === 'close' ? 'closed' : 'rejected', input.reason);
    await recordEvent(tx, { actor: actor.id, action: `takedown.${input.action}`, subject: `takedown:${id}`, ip: actor.ip, details: input.reason ? { reason: input.reason } : undefined });
  });
}
