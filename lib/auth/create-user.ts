// Adds a user (admin page or `sieve user add`): scrypt-hashed password, audited in the same transaction.
import { randomBytes, randomUUID } from 'node:crypto';
import { hashPassword } from 'better-auth/crypto';
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import { CreateUserInput, type Actor, type UserSummary } from './schemas';
import { insertUser } from './sql';

/** 16 characters of base64url: 96 random bits, above the 12-character minimum. */
const oneTimePassword = () => randomBytes(12).toString('base64url');

/** Returns the password too when Sieve made it up: shown once, never stored in the clear. */
export async function createUser(db: Db, actor: Actor, raw: CreateUserInput): Promise<{ user: UserSummary; password?: string }> {
  const input = CreateUserInput.parse(raw);
  const password = input.password ?? oneTimePassword();
  const passwordHash = await hashPassword(password);
  return db.tx(async (tx) => {
    const user = await insertUser(tx, { id: randomUUID(), email: input.email, name: input.name ?? input.email.split('@')[0], role: input.role, passwordHash });
    if (!user) throw new AppError('conflict', `a user with the email ${input.email} exists already`);
    await recordEvent(tx, { actor: actor.id, action: 'user.create', subject: `user:${user.id}`, details: { email: user.email, role: user.role }, ip: actor.ip });
    return { user, ...(input.password ? {} : { password }) };
  });
}
