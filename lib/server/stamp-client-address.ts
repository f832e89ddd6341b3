// Stamps every request the server takes with its client's address (lib/auth/client-ip.ts), from the socket itself,
// before Next.js sees it: the one place the peer address is still known.
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { addressOf, CLIENT_IP_HEADER, trustedProxies } from '../auth/client-ip';

export function stampClientAddress(): void {
  const holder = globalThis as typeof globalThis & { __sieveStamping?: boolean };
  if (holder.__sieveStamping) return;
  holder.__sieveStamping = true;
  const trusted = trustedProxies();
  // Published synchronously just before the server emits 'request', so Next.js reads the stamped headers.
  subscribe('http.server.request.start', (message) => {
    const { request } = message as { request: IncomingMessage };
    const forwarded = request.headers['x-forwarded-for'];
    const address = addressOf(request.socket.remoteAddress, Array.isArray(forwarded) ? forwarded.join(',') : forwarded, trusted);
    if (address) request.headers[CLIENT_IP_HEADER] = address;
    else delete request.headers[CLIENT_IP_HEADER];
  });
}
