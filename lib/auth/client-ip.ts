// The client address of a request, for the audit trail and rate limits.

/**
 * `next start` puts the peer address into X-Forwarded-For, but keeps what a client sent there first, so the
 * address is a hint, not proof (README: put a proxy that overwrites the header in front for hostile networks).
 */
export function clientIp(headers: Headers): string | null {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip')?.trim() || null;
}
