// Sieve's rules around better-auth's sign-in: a disabled user and a locked-out account get the same answers as a
// wrong password, and every attempt (failed or not) lands in the audit trail.
import { APIError, createAuthMiddleware } from 'better-auth/api';
import type { Db } from '../db/client';
import { countRecentEventsOf } from '../audit/count-recent-events';
import { recordEvent } from '../audit/record-event';
import { clientIp } from './client-ip';
import { selectUser } from './sql';

/** Failed sign-ins for one account within the window that lock it until the window has passed (README). */
export const LOCKOUT = { failures: 10, windowSeconds: 15 * 60 } as const;

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
    const failures = await countRecentEventsOf(db, 'auth.sign_in_failed', emailSubject(email), LOCKOUT.windowSeconds);
    if (failures >= LOCKOUT.failures) {
      // The lock lifts once the oldest failure leaves the window: at most a whole window from now.
      const headers = { 'retry-after': String(LOCKOUT.windowSeconds) };
      throw new APIError('TOO_MANY_REQUESTS', { code: 'ACCOUNT_LOCKED', message: `Too many failed sign-ins for this account: try again in ${LOCKOUT.windowSeconds / 60} minutes.` }, headers);
    }
    const user = await selectUser(db, { email });
    if (user?.disabled) {
      // As long as a wrong password takes, so the answer's timing doesn't tell a disabled account apart.
      const password = (ctx.body as { password?: unknown }).password;
      await ctx.context.password.hash(typeof password === 'string' ? password : '');
      await recordEvent(db, { actor: null, action: 'auth.sign_in_failed', subject: emailSubject(email), details: { reason: 'disabled' }, ip: clientIp(ctx.headers ?? new Headers()) });
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
