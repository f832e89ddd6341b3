// The process's better-auth instance, on the same database handle as everything else.
import { betterAuth, type BetterAuthOptions } from 'better-auth';
import { getDb } from '../db/get-db';
import type { Db } from '../db/client';
import { allowedHosts } from './allowed-hosts';
import { authOptions } from './auth-options';
import { authSecret } from './auth-secret';
import { signInGuard } from './sign-in-guard';

type Auth = ReturnType<typeof betterAuth<BetterAuthOptions>>;

// Next.js may load this module once per route bundle: one instance per database handle, kept on globalThis.
const holder = globalThis as typeof globalThis & { __sieveAuth?: { db: Db; auth: Auth } };

export function getAuth(db: Db = getDb()): Auth {
  if (holder.__sieveAuth?.db === db) return holder.__sieveAuth.auth;
  // SIEVE_URL pins one public address; otherwise each request's own host is its base, if it is one Sieve answers at.
  const baseURL = process.env.SIEVE_URL ?? process.env.BETTER_AUTH_URL ?? { allowedHosts: allowedHosts(), protocol: 'auto' as const };
  const options: BetterAuthOptions = { ...authOptions(db.pool, authSecret(), baseURL, []), hooks: signInGuard(db) };
  const auth = betterAuth(options);
  holder.__sieveAuth = { db, auth };
  return auth;
}
