// The stamp is made from the socket, so a client can neither choose its address by X-Forwarded-For nor send the
// stamp header itself.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLIENT_IP_HEADER, clientIp } from '../auth/client-ip';
import { stampClientAddress } from './stamp-client-address';

let server: http.Server;
let base: string;

beforeAll(async () => {
  stampClientAddress();
  // What a route handler would compute from the headers Next.js hands it.
  server = http.createServer((req, res) => {
    const headers = new Headers(Object.entries(req.headers).map(([k, v]) => [k, String(v)] as [string, string]));
    res.end(clientIp(headers) ?? 'none');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

it('is the peer address, whatever the client writes in X-Forwarded-For, X-Real-IP or the stamp header', async () => {
  const spoofed = { 'x-forwarded-for': '203.0.113.66', 'x-real-ip': '203.0.113.67', [CLIENT_IP_HEADER]: '203.0.113.68' };
  expect(await (await fetch(`${base}/`, { headers: spoofed })).text()).toBe('127.0.0.1');
  expect(await (await fetch(`${base}/`)).text()).toBe('127.0.0.1');
});
