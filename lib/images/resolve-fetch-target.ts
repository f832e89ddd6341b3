// Vets one URL before Sieve connects to it: scheme, credentials, and every address its host resolves to.
import dns from 'node:dns';
import net from 'node:net';
import { AppError } from '../errors/app-error';
import { isPublicAddress } from './check-public-address';

export type FetchTarget = { address: string; family: 4 | 6 };

/**
 * `allow` holds exact "host:port" entries exempt from the public-address rule (an internal mirror).
 * `via` names the URL that redirected here, so a refused hop says where it came from.
 */
export async function resolveFetchTarget(url: URL, allow: string[], via?: string): Promise<FetchTarget> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new AppError('bad_request', `only http and https URLs can be fetched, not ${url.protocol} (${url.href})`);
  }
  if (url.username || url.password) {
    throw new AppError('bad_request', `refusing to fetch ${url.host}: URLs with a user name or password are not fetched`);
  }
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  const allowed = new Set(allow.map(normalizeAllowEntry));
  const addresses = await lookupAll(url);
  // An exemption covers one exact endpoint, so a redirect to another port of the same host is judged afresh.
  const hostAllowed = allowed.has(`${url.hostname}:${port}`);
  for (const a of addresses) {
    if (hostAllowed || isPublicAddress(a.address) || allowed.has(`${canonicalHost(a.address)}:${port}`)) continue;
    const from = via ? ` (redirected from ${via})` : '';
    // The address itself stays unsaid: naming it would map the inside of the network for whoever asks.
    throw new AppError('bad_request', `refusing to fetch ${url.host}${from}: it resolves to a private or reserved address`);
  }
  return addresses[0];
}

// Every address, not just the first: a host with one public and one private record must be refused.
async function lookupAll(url: URL): Promise<FetchTarget[]> {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const family = net.isIP(host);
  if (family) return [{ address: host, family: family as 4 | 6 }];
  const found = await dns.promises.lookup(host, { all: true }).catch((err: NodeJS.ErrnoException) => {
    throw new AppError('bad_request', `could not fetch ${url.href}: ${err.code ?? err.message}`);
  });
  if (found.length === 0) throw new AppError('bad_request', `could not fetch ${url.href}: ENOTFOUND`);
  return found.map((a) => ({ address: a.address, family: a.family as 4 | 6 }));
}

function normalizeAllowEntry(entry: string): string {
  const m = /^(\[[^\]]+\]|[^:[\]]+):(\d{1,5})$/.exec(entry.trim());
  if (!m) throw new AppError('internal', `the fetch allow-list entry "${entry}" is not host:port`);
  return `${canonicalHost(m[1])}:${Number(m[2])}`;
}

// The URL parser's spelling, so "[0:0::1]", "[::1]" and a resolver's "::1" compare equal.
function canonicalHost(host: string): string {
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return new URL(`http://${net.isIPv6(bare) ? `[${bare}]` : bare}/`).hostname;
}
