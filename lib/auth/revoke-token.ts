// Revokes a token (its owner, or an admin): the next request with it is refused.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import { roleAtLeast } from './roles';
import type { Actor, TokenSummary } from './schemas';
import { revokeTokenRow, selectTokenOwner } from './sql';

export async function revokeToken(db: Db, actor: Actor, id: number): Promise<TokenSummary> {
  return db.tx(async (tx) => {
    const owner = await selectTokenOwner(tx, id);
    // Someone else's token reads as absent, so ids don't reveal who holds tokens.
    if (!owner || (owner !== actor.id && !roleAtLeast(actor.role, 'admin'))) throw new AppError('not_found', `no token ${id}`);
    const { token } = (await revokeTokenRow(tx, id))!;
    await recordEvent(tx, { actor: actor.id, action: 'token.revoke', subject: `token:${id}`, details: { name: token.name, owner }, ip: actor.ip });
    return token;
  });
}
