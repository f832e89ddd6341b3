// A personal API token: its secret is returned once; the database keeps only its hash and a role no higher than its owner's.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import { hashToken, newTokenSecret } from './hash-token';
import { roleAtLeast } from './roles';
import { CreateTokenInput, type Actor, type TokenSummary } from './schemas';
import { insertToken } from './sql';

export async function createToken(db: Db, actor: Actor, raw: CreateTokenInput): Promise<{ token: TokenSummary; secret: string }> {
  if (actor.kind !== 'user' || !actor.id || !actor.role) throw new AppError('unauthorized', 'Sign in to create a token.');
  const input = CreateTokenInput.parse(raw);
  const role = input.role ?? actor.role;
  if (!roleAtLeast(actor.role, role)) throw new AppError('forbidden', `a token can carry at most your own role (${actor.role}), not ${role}`);
  const secret = newTokenSecret();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  return db.tx(async (tx) => {
    const token = await insertToken(tx, { userId: actor.id!, name: input.name, hash: hashToken(secret), prefix: secret.slice(0, 12), role, expiresAt });
    await recordEvent(tx, { actor: actor.id, action: 'token.create', subject: `token:${token.id}`, details: { name: token.name, role, expiresAt: token.expiresAt }, ip: actor.ip });
    return { token, secret };
  });
}
