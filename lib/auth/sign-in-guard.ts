// Sieve's rules around better-auth's sign-in: failed attempts slow later ones (per account, from one address and from
// all: lib/auth/sign-in-throttle.ts) without ever locking the account; a disabled user gets the same answer as a
// wrong password; every attempt (failed or not) lands in the audit trail, which the throttle reads.
import { APIError, createAuthMiddleware } from 'better-auth/api';
import type { Db } from '../db/client';
import { summariseRecentEvents } from '../audit/summarise-recent-events';
import { recordEvent } from '../audit/record-event';
import { clientIp } from './client-ip';
import { SIGN_IN_THROTTLE, signInWait } from './sign-in-throttle';
import { selectUser } from './sql';

const INVALID = { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' };
const emailSubject = (email: string) => `email:${email.toLowerCase()}`;

function emailOf(body: unknown): string | null {
  const email = (body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' ? email.trim().toLowerCase() : null;
}

export function signInGuard(db: Db) {
  const before = createAuthMiddleware(async (ctx) => {
    if (ctx.path !== '/sign-in/email') return;
    const email = emailOf(ctx.body);
    if (!email) return;
    const ip = clientIp(ctx.headers ?? new Headers());
    const user = await selectUser(db, { email });
    const wait = await waitFor(db, email, user?.id ?? null, ip);
    if (wait > 0) {
      // Refused before the password is looked at, and not counted: only real guesses slow the next ones.
      throw new APIError('TOO_MANY_REQUESTS', { code: 'SIGN_IN_THROTTLED', message: `Too many failed sign-ins for this account: try again in ${wait} second${wait === 1 ? '' : 's'}.` }, { 'retry-after': String(wait) });
    }
    if (user?.disabled) {
      // As long as a wrong password takes, so the answer's timing doesn't tell a disabled account apart.
      const password = (ctx.body as { password?: unknown }).password;
      await ctx.context.password.hash(typeof password === 'string' ? password : '');
      await recordEvent(db, { actor: null, action: 'auth.sign_in_failed', subject: emailSubject(email), details: { reason: 'disabled' }, ip });
      throw new APIError('UNAUTHORIZED', INVALID);
    }
  });

  const after = createAuthMiddleware(async (ctx) => {
    const ip = clientIp(ctx.headers ?? new Headers());
    if (ctx.path === '/sign-in/email') {
      const session = ctx.context.newSession;
      if (session) {
        await recordEvent(db, { actor: session.user.id, action: 'auth.sign_in', subject: `user:${session.user.id}`, ip });
        return;
      }
      const returned = ctx.context.returned;
      const email = emailOf(ctx.body);
      if (email && returned instanceof APIError && returned.statusCode === 401) {
        await recordEvent(db, { actor: null, action: 'auth.sign_in_failed', subject: emailSubject(email), details: { reason: 'bad credentials' }, ip });
      }
    }
    if (ctx.path === '/sign-out') {
      const userId = ctx.context.session?.user.id;
      if (userId) await recordEvent(db, { actor: userId, action: 'auth.sign_out', subject: `user:${userId}`, ip });
    }
  });

  return { before, after };
}

/** Seconds this address must wait before trying this account (the same for an e-mail that has no account). */
async function waitFor(db: Db, email: string, userId: string | null, ip: string | null): Promise<number> {
  const failures = await summariseRecentEvents(db, 'auth.sign_in_failed', emailSubject(email), SIGN_IN_THROTTLE.windowSeconds, ip);
  if (failures.n === 0) return 0;
  const known = userId !== null && ip !== null
    && (await summariseRecentEvents(db, 'auth.sign_in', `user:${userId}`, SIGN_IN_THROTTLE.knownAddressDays * 86_400, ip)).fromIp > 0;
  return signInWait(failures, known);
}
