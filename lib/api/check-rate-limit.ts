// Per-account and per-address limits on search, uploads and dataset scans: a fixed one-minute window per caller, counted in memory.
import { isIPv4, isIPv6 } from 'node:net';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { AppError } from '../errors/app-error';
import type { Actor } from '../auth/schemas';

export type RateLimitKind = 'search' | 'upload' | 'scan';

/**
 * Requests per minute for one account (README: SIEVE_RATE_LIMIT_SEARCH, _UPLOAD, _SCAN, `0` = off). Generous for
 * people: a search page fires one request per search, clip-front one per query, a dataset's overview page three scans. An anonymous caller (a public
 * Sieve, the opt-out form) is counted by address and gets ANONYMOUS_SHARE of it, since one address may be many people
 * behind one proxy but also one script.
 */
export const RATE_LIMITS: Record<RateLimitKind, { perMinute: number; env: string }> = {
  search: { perMinute: 300, env: 'SIEVE_RATE_LIMIT_SEARCH' },
  upload: { perMinute: 30, env: 'SIEVE_RATE_LIMIT_UPLOAD' },
  /** Reads that walk a whole dataset or hundreds of index look-ups: overview, duplicate counts, near-duplicates. */
  scan: { perMinute: 60, env: 'SIEVE_RATE_LIMIT_SCAN' },
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
  const who = anonymous ? addressKey(actor.ip) : `user:${actor.id}`;
  try {
    await limiter(`${kind}:${anonymous ? 'ip' : 'account'}`, points).consume(who);
  } catch (err) {
    if (!(err instanceof RateLimiterRes)) throw err;
    const retryAfter = Math.max(1, Math.ceil(err.msBeforeNext / 1000));
    const what = { search: 'searches', upload: 'uploads', scan: 'dataset scans (overview, duplicates)' }[kind];
    const by = anonymous ? 'from your address' : 'for your account';
    throw new AppError('rate_limited', `Too many ${what} ${by}: at most ${points} a minute. Try again in ${retryAfter} s.`, { retryAfter });
  }
}

/**
 * Whom an anonymous request is counted as: an IPv4 address, or the /64 network of an IPv6 one. One subscriber holds
 * a whole /64 (2^64 addresses), so counting exact IPv6 addresses would give a script an endless supply of budgets.
 * An IPv4-mapped address (::ffff:192.0.2.1) is its IPv4 address.
 */
export function addressKey(ip: string | null): string {
  if (!ip) return 'ip:unknown';
  const bare = ip.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped && isIPv4(mapped[1])) return `ip:${mapped[1]}`;
  if (!isIPv6(bare)) return `ip:${bare}`;
  const [head, tail = ''] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = bare.includes('::') && tail ? tail.split(':') : [];
  const groups = bare.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `ip6:${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
