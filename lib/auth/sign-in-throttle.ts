// How long a sign-in must wait after failed ones: a throttle, never a lock. Failures are counted per account (its
// e-mail) from one address and from all; the first few are free, then each wait doubles. From one address it grows
// to the whole window (a guesser there gets about a dozen tries in fifteen minutes); over all addresses it stays short,
// so someone hammering an admin's e-mail from elsewhere delays the owner by at most a minute and never locks them out,
// and an address the account signed in from lately skips that part. Client-safe: numbers only.

export const SIGN_IN_THROTTLE = {
  windowSeconds: 15 * 60,
  perAddress: { free: 3, maxDelaySeconds: 15 * 60 },
  perAccount: { free: 10, maxDelaySeconds: 60 },
  /** An address this account signed in from within so many days is its owner's: the account-wide wait spares it. */
  knownAddressDays: 30,
} as const;

/** The wait after `failures` failures: none for the first `free`, then 1 s, 2 s, 4 s … up to `max`. */
export function throttleDelay(failures: number, free: number, max: number): number {
  return failures < free ? 0 : Math.min(2 ** (failures - free), max);
}

export interface FailureCounts { n: number; sinceLast: number | null; fromIp: number; sinceLastFromIp: number | null }

/** Whole seconds until this address may try this account again (0: now). */
export function signInWait(f: FailureCounts, knownAddress: boolean, t = SIGN_IN_THROTTLE): number {
  const fromHere = throttleDelay(f.fromIp, t.perAddress.free, t.perAddress.maxDelaySeconds) - (f.sinceLastFromIp ?? Infinity);
  const fromAll = knownAddress ? 0 : throttleDelay(f.n, t.perAccount.free, t.perAccount.maxDelaySeconds) - (f.sinceLast ?? Infinity);
  return Math.ceil(Math.max(0, fromHere, fromAll));
}
