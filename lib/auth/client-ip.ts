// The client address of a request, for the audit trail and the limits per address.
//
// `next start` keeps an X-Forwarded-For the client sent and then drops the peer address, so that header alone lets
// anyone choose their address (and so their rate limit). The server stamps every request as it arrives
// (lib/server/stamp-client-address.ts) with the address worked out here: the socket's peer, or, behind proxies
// Sieve is told to trust (SIEVE_TRUSTED_PROXIES), the address the outermost of them saw.

/** The header the server writes on every request, replacing anything a client sent under that name. */
export const CLIENT_IP_HEADER = 'x-sieve-client-ip';

/** How many proxies in front of Sieve append to X-Forwarded-For (0: clients connect directly). */
export function trustedProxies(env: Record<string, string | undefined> = process.env): number {
  const n = Number.parseInt(env.SIEVE_TRUSTED_PROXIES ?? '0', 10);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

const plain = (address: string | undefined | null) => (address ? address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '') : null);

/**
 * Each trusted proxy appends the address it was reached from, so the n-th entry from the right is what the
 * outermost trusted one saw; entries left of it are the client's own words.
 */
export function addressOf(peer: string | undefined, forwardedFor: string | undefined, trusted: number): string | null {
  if (trusted === 0) return plain(peer);
  const hops = (forwardedFor ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  if (hops.length === 0) return plain(peer);
  return plain(hops[Math.max(0, hops.length - trusted)]);
}

/**
 * The stamped address. Without a stamp (route handlers called in-process, by tests and scripts, where no socket is
 * involved) the forwarded headers are all there is.
 */
export function clientIp(headers: Headers): string | null {
  const stamped = headers.get(CLIENT_IP_HEADER)?.trim();
  if (stamped) return stamped;
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip')?.trim() || null;
}
