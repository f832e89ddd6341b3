import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SHARED_DATA } from '../../test/shared-data';
import { fetchImageUrl } from './fetch-image-url';

const PNG = fs.readFileSync(path.join(SHARED_DATA, 'photos', 'horse.png'));
const PRIVATE = /^refusing to fetch .+: it resolves to a private or reserved address$/;

type Server = { port: number; base: string; hits: http.IncomingMessage[]; entry: string };
const open: (http.Server | https.Server)[] = [];

// A real server on loopback that records every request it receives.
async function serve(handler: http.RequestListener, host = '127.0.0.1'): Promise<Server> {
  const hits: http.IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    hits.push(req);
    handler(req, res);
  });
  open.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const name = host.includes(':') ? `[${host}]` : host;
  return { port, base: `http://${name}:${port}`, hits, entry: `${name}:${port}` };
}

// A self-signed certificate for "localhost" (valid until 2126), to see what the TLS client sends and checks.
const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg1mEqvrr9nHP+sEoc
WX+zMYguzzgr45YtsbmhjsIprMihRANCAASmQrKk/OT0ECijhkBLAaoJ4Y4kcGfZ
wv+y8FynFkSMsmwznAoEuqJB4KEG0RlVGz0BDQ9WjoSVONtNfuiF+/ZO
-----END PRIVATE KEY-----`;
const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBlTCCATugAwIBAgIUZGOG+V+9T5363R43xXCugAPhgAowCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNTIyNDMxM1oYDzIxMjYxMTAx
MjI0MzEzWjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAASmQrKk/OT0ECijhkBLAaoJ4Y4kcGfZwv+y8FynFkSMsmwznAoEuqJB
4KEG0RlVGz0BDQ9WjoSVONtNfuiF+/ZOo2kwZzAdBgNVHQ4EFgQUo+0uPH+mPfZp
07LOn1qRF8VTDO8wHwYDVR0jBBgwFoAUo+0uPH+mPfZp07LOn1qRF8VTDO8wDwYD
VR0TAQH/BAUwAwEB/zAUBgNVHREEDTALgglsb2NhbGhvc3QwCgYIKoZIzj0EAwID
SAAwRQIgOT+56nVp3xl4MndLFE7Or4Hn/4yjeV7kJi0xL5VGPe0CIQCCij8mSEx/
uuoZFy7e+dS1iyTL4nLTlF9XClPHJ+ISJA==
-----END CERTIFICATE-----`;

const png: http.RequestListener = (_, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
const redirectTo = (location: string): http.RequestListener => (_, res) => res.writeHead(302, { location }).end();

afterEach(async () => {
  delete process.env.SIEVE_FETCH_ALLOW;
  await Promise.all(
    open.splice(0).map((s) => {
      s.closeAllConnections();
      return new Promise((resolve) => s.close(resolve));
    }),
  );
});

describe('fetchImageUrl refuses before connecting', () => {
  it('refuses a loopback server that would serve a PNG, without sending it a request', async () => {
    const s = await serve(png);
    await expect(fetchImageUrl(`${s.base}/x.png`)).rejects.toMatchObject({
      code: 'bad_request',
      message: `refusing to fetch 127.0.0.1:${s.port}: it resolves to a private or reserved address`,
    });
    expect(s.hits).toHaveLength(0);
  });

  it('refuses IPv6 loopback, localhost and IPv4-mapped loopback', async () => {
    const v6 = await serve(png, '::1');
    const v4 = await serve(png);
    for (const url of [`${v6.base}/`, `http://localhost:${v4.port}/`, `http://[::ffff:127.0.0.1]:${v4.port}/`]) {
      await expect(fetchImageUrl(url)).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(PRIVATE) });
    }
    expect(v6.hits).toHaveLength(0);
    expect(v4.hits).toHaveLength(0);
  });

  it.each(['http://10.0.0.1/', 'http://169.254.169.254/latest/meta-data', 'http://0.0.0.0/', 'https://192.168.1.1/'])(
    'refuses %s',
    async (url) => {
      await expect(fetchImageUrl(url, { timeoutMs: 1000 })).rejects.toMatchObject({
        code: 'bad_request',
        message: expect.stringMatching(PRIVATE),
      });
    },
  );

  it.each(['ftp://example.com/x.png', 'file:///etc/passwd', 'http://user:pw@example.com/', 'not a url', 'http://'])(
    'refuses %s as a bad request',
    async (url) => {
      await expect(fetchImageUrl(url)).rejects.toMatchObject({ code: 'bad_request' });
    },
  );
});

describe('fetchImageUrl with an allowed internal server', () => {
  it('fetches a real PNG, with only the headers Sieve means to send', async () => {
    const s = await serve(png);
    const got = await fetchImageUrl(`${s.base}/horse.png`, { allow: [s.entry] });
    expect(got.type).toBe('image/png');
    expect(Buffer.from(got.bytes).equals(PNG)).toBe(true);
    expect(got.finalUrl).toBe(`${s.base}/horse.png`);
    const h = s.hits[0].headers;
    expect(h).toMatchObject({ 'user-agent': 'Sieve image fetch', accept: 'image/*', host: `127.0.0.1:${s.port}` });
    expect(h.cookie).toBeUndefined();
    expect(h.referer).toBeUndefined();
  });

  it('takes the allow-list from SIEVE_FETCH_ALLOW and matches host names exactly', async () => {
    const s = await serve(png);
    process.env.SIEVE_FETCH_ALLOW = ` other:1, 127.0.0.1:${s.port}`;
    expect((await fetchImageUrl(`${s.base}/`)).type).toBe('image/png');
    expect((await fetchImageUrl(`http://localhost:${s.port}/`, { allow: [`localhost:${s.port}`] })).type).toBe('image/png');
    await expect(fetchImageUrl(`http://localhost:${s.port}/`, { allow: [`localhost:${s.port + 1}`] })).rejects.toMatchObject({
      message: expect.stringMatching(PRIVATE),
    });
  });

  it('refuses redirects from the allowed server to other private endpoints', async () => {
    const other = await serve(png);
    const v6 = await serve(png, '::1');
    for (const to of [`${other.base}/`, 'http://10.1.2.3/', 'http://169.254.169.254/', `${v6.base}/`]) {
      const s = await serve(redirectTo(to));
      await expect(fetchImageUrl(`${s.base}/r`, { allow: [s.entry] })).rejects.toMatchObject({
        code: 'bad_request',
        message: expect.stringMatching(new RegExp(`^refusing to fetch .+ \\(redirected from ${s.base}/r\\): .*private`)),
      });
      expect(s.hits).toHaveLength(1);
    }
    expect(other.hits).toHaveLength(0);
    expect(v6.hits).toHaveLength(0);
  });

  it('follows a redirect between two allowed servers, relative or absolute', async () => {
    const b = await serve(png);
    const a = await serve((req, res) => redirectTo(req.url === '/abs' ? `${b.base}/final.png` : '/abs')(req, res));
    const got = await fetchImageUrl(`${a.base}/start`, { allow: [a.entry, b.entry] });
    expect(got.finalUrl).toBe(`${b.base}/final.png`);
    expect(Buffer.from(got.bytes).equals(PNG)).toBe(true);
    expect(a.hits.map((r) => r.url)).toEqual(['/start', '/abs']);
  });

  it('refuses too many redirects', async () => {
    const s = await serve(redirectTo('/again'));
    await expect(fetchImageUrl(`${s.base}/`, { allow: [s.entry], maxRedirects: 2 })).rejects.toMatchObject({
      code: 'bad_request',
      message: `${s.base}/ redirected more than 2 times`,
    });
    expect(s.hits).toHaveLength(3);
  });

  it('refuses a body that is not an image, whatever its content type says', async () => {
    const s = await serve((_, res) => res.writeHead(200, { 'content-type': 'image/png' }).end('<svg></svg>'));
    await expect(fetchImageUrl(`${s.base}/x.png`, { allow: [s.entry] })).rejects.toMatchObject({
      code: 'unsupported_media_type',
      message: `the file at ${s.base}/x.png is not a JPEG, PNG, WebP or GIF image`,
    });
  });

  it('refuses an oversized body from its Content-Length, before the body arrives', async () => {
    // The body never comes: only an early refusal can answer before the timeout.
    const s = await serve((_, res) => res.writeHead(200, { 'content-length': 20_000_000 }).flushHeaders());
    await expect(fetchImageUrl(`${s.base}/`, { allow: [s.entry], maxBytes: 1000, timeoutMs: 3000 })).rejects.toMatchObject({
      code: 'payload_too_large',
      message: `the file at ${s.base}/ is larger than 0.00095 MB`,
    });
  });

  it('stops reading an endless body without Content-Length once past the cap', async () => {
    const s = await serve((_, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      const pump = () => (res.destroyed ? undefined : res.write(PNG) ? setImmediate(pump) : res.once('drain', pump));
      pump();
    });
    await expect(fetchImageUrl(`${s.base}/`, { allow: [s.entry], maxBytes: 50_000 })).rejects.toMatchObject({
      code: 'payload_too_large',
      message: `the file at ${s.base}/ is larger than 0.048 MB`,
    });
  });

  it('times out on a server that never answers', async () => {
    const s = await serve(() => undefined);
    const started = Date.now();
    await expect(fetchImageUrl(`${s.base}/slow`, { allow: [s.entry], timeoutMs: 200 })).rejects.toMatchObject({
      code: 'bad_request',
      message: `fetching ${s.base}/slow timed out after 0.2 s`,
    });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('verifies TLS against the name the user gave, not the pinned address', async () => {
    const names: string[] = [];
    const server = https.createServer({
      key: TLS_KEY,
      cert: TLS_CERT,
      SNICallback: (name, cb) => {
        names.push(name);
        cb(null);
      },
    }, png);
    open.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const url = `https://localhost:${port}/`;
    // Self-signed, so the fetch must fail: proof that certificates are checked, and for which name.
    await expect(fetchImageUrl(url, { allow: [`localhost:${port}`] })).rejects.toMatchObject({
      code: 'bad_request',
      message: expect.stringMatching(/^could not fetch https:\/\/localhost:\d+\/: (DEPTH_ZERO_SELF_SIGNED_CERT|CERT_NOT_YET_VALID)$/),
    });
    expect(names).toEqual(['localhost']);
  });

  it('reports a 404 and a refused connection as bad requests', async () => {
    const s = await serve((_, res) => res.writeHead(404).end('nope'));
    await expect(fetchImageUrl(`${s.base}/gone`, { allow: [s.entry] })).rejects.toMatchObject({
      code: 'bad_request',
      message: `${s.base}/gone answered HTTP 404`,
    });
    const closed = await serve(png);
    await new Promise((resolve) => open.pop()!.close(resolve));
    await expect(fetchImageUrl(`${closed.base}/`, { allow: [closed.entry] })).rejects.toMatchObject({
      code: 'bad_request',
      message: `could not fetch ${closed.base}/: ECONNREFUSED`,
    });
  });
});
