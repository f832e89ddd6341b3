// The SSRF guard against what a name or a spelling hides: host names a resolver maps to private addresses (a stub
// resolver stands in for DNS), numeric IPv4 spellings the URL parser turns into loopback, IPv6 forms that carry an
// IPv4 address, and the same behind a redirect. Each real server here would answer; none may be asked.
import dns from 'node:dns';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchImageUrl } from './fetch-image-url';

const PRIVATE = /^refusing to fetch .+: it resolves to a private or reserved address$/;
const open: http.Server[] = [];
const hits: string[] = [];

async function serve(handler: http.RequestListener): Promise<{ port: number; entry: string }> {
  const server = http.createServer((req, res) => {
    hits.push(`${req.headers.host}${req.url}`);
    handler(req, res);
  });
  open.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { port, entry: `127.0.0.1:${port}` };
}

/** A resolver for the test's own names; any other name is looked up as usual. */
function stubDns(records: Record<string, string[]>) {
  const real = dns.promises.lookup.bind(dns.promises);
  vi.spyOn(dns.promises, 'lookup').mockImplementation((async (host: string, opts: unknown) => {
    const found = records[host];
    if (!found) return real(host, opts as dns.LookupAllOptions);
    return found.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  }) as typeof dns.promises.lookup);
}

afterEach(async () => {
  vi.restoreAllMocks();
  delete process.env.SIEVE_FETCH_ALLOW;
  hits.length = 0;
  await Promise.all(open.splice(0).map((s) => (s.closeAllConnections(), new Promise((resolve) => s.close(resolve)))));
});

const ok: http.RequestListener = (_, res) => res.writeHead(200, { 'content-type': 'image/png' }).end();

describe('the SSRF guard after DNS resolution', () => {
  it('refuses a host name that resolves to loopback, and never connects', async () => {
    const s = await serve(ok);
    stubDns({ 'images.rebind.test': ['127.0.0.1'] });
    await expect(fetchImageUrl(`http://images.rebind.test:${s.port}/a.png`)).rejects.toMatchObject({
      code: 'bad_request',
      message: `refusing to fetch images.rebind.test:${s.port}: it resolves to a private or reserved address`,
    });
    expect(hits).toEqual([]);
  });

  it('refuses a name with one public and one private record, and names resolving to metadata, IPv6 or mapped addresses', async () => {
    stubDns({
      'mixed.test': ['93.184.216.34', '10.1.2.3'],
      'metadata.test': ['169.254.169.254'],
      'v6.test': ['::1'],
      'ula.test': ['fd12:3456::1'],
      'mapped.test': ['::ffff:169.254.169.254'],
      'multicast.test': ['239.1.2.3'],
    });
    for (const host of ['mixed.test', 'metadata.test', 'v6.test', 'ula.test', 'mapped.test', 'multicast.test']) {
      await expect(fetchImageUrl(`http://${host}/x.png`, { timeoutMs: 2000 })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(PRIVATE) });
    }
  });

  it('refuses a redirect from an allowed server to a name that resolves privately', async () => {
    const target = await serve(ok);
    const first = await serve((_, res) => res.writeHead(302, { location: `http://inside.test:${target.port}/secret.png` }).end());
    process.env.SIEVE_FETCH_ALLOW = first.entry;
    stubDns({ 'inside.test': ['127.0.0.1'] });
    await expect(fetchImageUrl(`http://${first.entry}/a.png`)).rejects.toMatchObject({
      code: 'bad_request',
      message: `refusing to fetch inside.test:${target.port} (redirected from http://${first.entry}/a.png): it resolves to a private or reserved address`,
    });
    expect(hits).toEqual([`${first.entry}/a.png`]);
  });
});

describe('the SSRF guard against numeric spellings', () => {
  it.each([
    ['decimal', (p: number) => `http://2130706433:${p}/`],
    ['hexadecimal', (p: number) => `http://0x7f000001:${p}/`],
    ['octal', (p: number) => `http://0177.0.0.1:${p}/`],
    ['short', (p: number) => `http://127.1:${p}/`],
    ['dotted hex', (p: number) => `http://0x7f.0.0.1:${p}/`],
    ['IPv4-mapped IPv6 in hex', (p: number) => `http://[::ffff:7f00:1]:${p}/`],
    ['IPv4-mapped written out', (p: number) => `http://[0:0:0:0:0:ffff:127.0.0.1]:${p}/`],
  ])('refuses loopback spelled %s', async (_, url) => {
    const s = await serve(ok);
    await expect(fetchImageUrl(url(s.port))).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(PRIVATE) });
    expect(hits).toEqual([]);
  });

  it.each(['http://0xa9fea9fe/latest/meta-data', 'http://2852039166/latest/meta-data', 'http://[::ffff:a9fe:a9fe]/'])('refuses the metadata address spelled %s', async (url) => {
    await expect(fetchImageUrl(url, { timeoutMs: 2000 })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(PRIVATE) });
  });
});
