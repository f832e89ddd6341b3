// Whether a request names a host Sieve answers at, before better-auth is asked to make its base URL from it.
import { isAllowedHost } from './allowed-hosts';

// A name, an IPv4 or a bracketed IPv6 address, and a port: the Host shapes better-auth will build a URL from.
const WELL_FORMED = /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:]+\])(:[0-9]{1,5})?$/i;

/**
 * better-auth takes its base URL from the Host header unless SIEVE_URL (or BETTER_AUTH_URL) pins one, and throws
 * (a 500) on a host it wasn't told about: a request elsewhere has no session here and can't sign in.
 */
export function isSieveHost(headers: Headers, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.SIEVE_URL || env.BETTER_AUTH_URL) return true;
  const host = headers.get('host') ?? '';
  return WELL_FORMED.test(host) && isAllowedHost(host);
}
