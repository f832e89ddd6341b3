// Per-account and per-address limits on search and uploads: a fixed one-minute window per caller, counted in memory.
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error';
import type { Actor } from '../auth/schemas';

export type RateLimitKind = 'search' | 'upload';

/**
 * Requests per minute for one account (README: SIEVE_RATE_LIMIT_SEARCH, SIEVE_RATE_LIMIT_UPLOAD, `0` = off). Generous
 * for people: a search page fires one request per search, clip-front one per query. An anonymous caller (a public
 * Sieve, the opt-out form) is counted by address and gets ANONYMOUS_SHARE of it, since one address may be many people
 * behind one proxy but also one script.
 */
export const RATE_LIMITS: Record<RateLimitKind, { perMinute: number; env: string }> = {
  search: { perMinute: 300, env: 'SIEVE_RATE_LIMIT_SEARCH' },
  upload: { perMinute: 30, env: 'SIEVE_RATE_LIMIT_UPLOAD' },
};
export const ANONYMOUS_SHARE = 0.4;
const WINDOW_SECONDS = 60;

// In memory, not in the database: Sieve runs one server process (scripts/start.ts), a count costs no query on the
// hot search path, and losing the counts on a restart only forgives a minute. The limiters sit on globalThis because
// Next.js may load this module once per route bundle, and /api/search and /knn-service must share one budget.
const holder = globalThis as typeof globalThis & { __sieveRateLimiters?: Map<string, RateLimiterMemory> };

function limiter(name: string, points: number): RateLimiterMemory {
  const limiters = (holder.__sieveRateLimiters ??= new Map());
  // Keyed by the limit too, so a changed environment variable takes effect without a restart (tests, tuning).
  const key = `${name}:${points}`;
  let l = limiters.get(key);
  if (!l) limiters.set(key, (l = new RateLimiterMemory({ keyPrefix: key, points, duration: WINDOW_SECONDS })));
  return l;
}

/** The limit per minute for an account (or, if `anonymous`, for an address), 0 when off. */
export function rateLimitOf(kind: RateLimitKind, anonymous: boolean): number {
  const { perMinute, env } = RATE_LIMITS[kind];
  const raw = process.env[env];
  const n = raw === undefined || raw.trim() === '' ? perMinute : Number(raw);
  const perAccount = Number.isFinite(n) && n >= 0 ? Math.floor(n) : perMinute;
  return anonymous && perAccount > 0 ? Math.max(1, Math.ceil(perAccount * ANONYMOUS_SHARE)) : perAccount;
}

/** Counts one request of `kind` for whoever asks (their account, else their address) or throws `rate_limited`. */
export async function checkRateLimit(kind: RateLimitKind, actor: Actor): Promise<void> {
  const anonymous = actor.id === null;
  const points = rateLimitOf(kind, anonymous);
  if (points === 0) return;
  const who = anonymous ? `ip:${actor.ip ?? 'unknown'}` : `user:${actor.id}`;
  try {
    await limiter(`${kind}:${anonymous ? 'ip' : 'account'}`, points).consume(who);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    const what = kind === 'search' ? 'searches' : 'uploads';
    const by = anonymous ? 'from your address' : 'for your account';
    throw new AppError('rate_limited', `Too many ${what} ${by}: at most ${points} a minute. Try again in ${retryAfter} s.`, { retryAfter });
  }
}
