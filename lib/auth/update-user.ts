// Changes a user's role, disables or enables them, or sets a new password: each change audited in its transaction.
import { hashPassword } from 'better-auth/crypto';
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import { UpdateUserInput, type Actor, type UserSummary } from './schemas';
import { countActiveAdmins, deleteSessions, selectUser, updatePasswordHash, updateUserRow } from './sql';

/** `who` is a user id or an email. Disabling ends the user's sessions at once; their tokens stop with the flag. */
export async function updateUser(db: Db, actor: Actor, who: { id?: string; email?: string }, raw: UpdateUserInput): Promise<UserSummary> {
  const input = UpdateUserInput.parse(raw);
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  return db.tx(async (tx) => {
    const before = await selectUser(tx, who, true);
    if (!before) throw new AppError('not_found', `no user ${who.email ?? who.id}`);
    const losesAdmin = before.role === 'admin' && !before.disabled && ((input.role && input.role !== 'admin') || input.disabled === true);
    // Serialised by the row lock above only for this user: count under a lock on the whole set of admins.
    if (losesAdmin) await tx.query("SELECT id FROM users WHERE role = 'admin' FOR UPDATE");
    if (losesAdmin && (await countActiveAdmins(tx)) <= 1) {
      throw new AppError('conflict', `${before.email} is the last active admin: make someone else admin first`);
    }
    const after = await updateUserRow(tx, before.id, { role: input.role, disabled: input.disabled });
    const event = (action: string, details: unknown) =>
      recordEvent(tx, { actor: actor.id, action, subject: `user:${before.id}`, details, ip: actor.ip });
    if (input.role && input.role !== before.role) await event('user.role', { email: before.email, from: before.role, to: input.role });
    if (input.disabled === true && !before.disabled) await event('user.disable', { email: before.email, sessionsEnded: await deleteSessions(tx, before.id) });
    if (input.disabled === false && before.disabled) await event('user.enable', { email: before.email });
    if (passwordHash) {
      await updatePasswordHash(tx, before.id, passwordHash);
      await event('user.password', { email: before.email, sessionsEnded: await deleteSessions(tx, before.id) });
    }
    return after;
  });
}
