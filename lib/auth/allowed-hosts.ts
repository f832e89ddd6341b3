// The host names Sieve answers at: loopback, this machine's own names and addresses, and SIEVE_URL / SIEVE_HOSTS.
import os from 'node:os';

/** `host:*` patterns (any port) for better-auth's per-request base URL and Sieve's own origin check. */
export function allowedHosts(env: NodeJS.ProcessEnv = process.env): string[] {
  const own = Object.values(os.networkInterfaces()).flat().filter((i) => i !== undefined).map((i) => (i.family === 'IPv6' ? `[${i.address}]` : i.address));
  const extra = (env.SIEVE_HOSTS ?? '').split(',').map((h) => h.trim()).filter(Boolean);
  const url = env.SIEVE_URL ? [new URL(env.SIEVE_URL).host] : [];
  return [...new Set(['localhost', os.hostname(), ...own].map((h) => `${h}:*`).concat(url, extra))];
}

/** Whether a Host header value (name:port) is one Sieve answers at. */
export function isAllowedHost(host: string, patterns = allowedHosts()): boolean {
  const h = host.toLowerCase();
  return patterns.some((p) => {
    const [name, port] = p.toLowerCase().split(/:(?=[^:\]]*$)/);
    const [hName, hPort] = h.split(/:(?=[^:\]]*$)/);
    return name === hName && (port === '*' || port === undefined || port === hPort);
  });
}
