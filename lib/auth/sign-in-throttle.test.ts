// The sign-in throttle's arithmetic: free failures, doubling waits, the short account-wide cap, known addresses.
import { describe, expect, it } from 'vitest';
import { SIGN_IN_THROTTLE as T, signInWait, throttleDelay } from './sign-in-throttle';

describe('throttleDelay', () => {
  it('is free for the first failures, then doubles up to its cap', () => {
    expect([0, 4, 5, 6, 7, 14, 15, 40].map((n) => throttleDelay(n, 5, 900))).toEqual([0, 0, 1, 2, 4, 512, 900, 900]);
  });
});

describe('signInWait', () => {
  const quiet = { n: 0, sinceLast: null, fromIp: 0, sinceLastFromIp: null };

  it('lets anyone in at once while there were few failures', () => {
    expect(signInWait(quiet, false)).toBe(0);
    expect(signInWait({ n: 9, sinceLast: 0, fromIp: 2, sinceLastFromIp: 0 }, false)).toBe(0);
  });

  it('keeps a guesser at one address slow: a quarter of an hour after enough failures', () => {
    const n = T.perAddress.free + 20;
    expect(signInWait({ n, sinceLast: 1, fromIp: n, sinceLastFromIp: 1 }, true)).toBe(T.perAddress.maxDelaySeconds - 1);
  });

  it('makes the owner at another address wait at most a minute, however many failures elsewhere', () => {
    expect(signInWait({ n: 10_000, sinceLast: 0, fromIp: 0, sinceLastFromIp: null }, false)).toBe(T.perAccount.maxDelaySeconds);
    expect(signInWait({ n: 10_000, sinceLast: 59.5, fromIp: 0, sinceLastFromIp: null }, false)).toBe(1);
    expect(signInWait({ n: 10_000, sinceLast: 60, fromIp: 0, sinceLastFromIp: null }, false)).toBe(0);
    // From an address the account signed in from lately: no wait at all.
    expect(signInWait({ n: 10_000, sinceLast: 0, fromIp: 0, sinceLastFromIp: null }, true)).toBe(0);
  });
});
