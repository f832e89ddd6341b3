// A personal API token, made by a signed-in person (never by a token): its secret is returned once; the database keeps
// only its hash, a role no higher than its owner's, and an expiry at most MAX_TOKEN_DAYS away.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import { hashToken, newTokenSecret } from './hash-token';
import { roleAtLeast } from './roles';
import { CreateTokenInput, type Actor, type TokenSummary } from './schemas';
import { insertToken } from './sql';

export async function createToken(db: Db, actor: Actor, raw: CreateTokenInput): Promise<{ token: TokenSummary; secret: string }> {
  if (actor.kind !== 'user' || !actor.id || !actor.role) throw new AppError('unauthorized', 'Sign in to create a token.');
  // A token minting tokens would outlive its own revocation and expiry: only a person signed in makes one.
  if (actor.via !== 'session') throw new AppError('forbidden', 'A token cannot create tokens: sign in to Sieve in a browser (your account page) to make one.');
  const input = CreateTokenInput.parse(raw);
  const role = input.role ?? actor.role;
  if (!roleAtLeast(actor.role, role)) throw new AppError('forbidden', `a token can carry at most your own role (${actor.role}), not ${role}`);
  const secret = newTokenSecret();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  return db.tx(async (tx) => {
    const token = await insertToken(tx, { userId: actor.id!, name: input.name, hash: hashToken(secret), prefix: secret.slice(0, 12), role, expiresAt });
    await recordEvent(tx, { actor: actor.id, action: 'token.create', subject: `token:${token.id}`, details: { name: token.name, role, expiresAt: token.expiresAt }, ip: actor.ip });
    return { token, secret };
  });
}
