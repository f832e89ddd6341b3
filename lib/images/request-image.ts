// One HTTP(S) exchange with an already-vetted address: no redirects followed, the body read up to a cap.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { AppError } from '../errors/app-error';
import { formatMegabytes } from './format-megabytes';
import type { FetchTarget } from './resolve-fetch-target';

export type ImageResponse = { status: number; location?: string; bytes?: Uint8Array };

export function requestImage(
  url: URL,
  target: FetchTarget,
  opts: { maxBytes: number; signal: AbortSignal },
): Promise<ImageResponse> {
  const bareHost = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return new Promise((resolve, reject) => {
    const req = (url.protocol === 'https:' ? https : http).request(url, {
      method: 'GET',
      // No cookies, no referrer: the fetch must not carry anything about the user who asked for it.
      headers: { 'user-agent': 'Sieve image fetch', accept: 'image/*' },
      agent: false,
      // Connect to the address that was checked, never to a second DNS answer (rebinding).
      lookup: pinnedLookup(target),
      // The certificate must match the name the user gave, not the address we pinned.
      servername: net.isIP(bareHost) ? undefined : bareHost,
      signal: opts.signal,
    });
    req.on('error', (err) => reject(networkError(url, err)));
    req.on('response', (res) => readResponse(res, url, opts.maxBytes).then(resolve, reject));
    req.end();
  });
}

function readResponse(res: http.IncomingMessage, url: URL, maxBytes: number): Promise<ImageResponse> {
  const status = res.statusCode ?? 0;
  const location = res.headers.location;
  const tooLarge = () =>
    new AppError('payload_too_large', `the file at ${url.href} is larger than ${formatMegabytes(maxBytes)} MB`, {
      maxBytes,
    });
  if (status < 200 || status >= 300) {
    res.destroy();
    return Promise.resolve(status >= 300 && status < 400 && location ? { status, location } : { status });
  }
  if (Number(res.headers['content-length']) > maxBytes) {
    res.destroy();
    return Promise.reject(tooLarge());
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Stop as soon as the cap is passed: a lying or absent Content-Length must not cost memory.
      if (size > maxBytes) {
        res.destroy();
        return reject(tooLarge());
      }
      chunks.push(chunk);
    });
    res.on('error', (err) => reject(networkError(url, err)));
    res.on('end', () => resolve({ status, bytes: new Uint8Array(Buffer.concat(chunks)) }));
  });
}

function networkError(url: URL, err: NodeJS.ErrnoException): AppError {
  return new AppError('bad_request', `could not fetch ${url.href}: ${err.code ?? err.message}`);
}

type LookupCallback = (
  err: Error | null,
  address: string | { address: string; family: number }[],
  family?: number,
) => void;

// net asks with { all: true } when it races address families, and with a single answer otherwise.
function pinnedLookup(target: FetchTarget) {
  return (_host: string, options: { all?: boolean }, cb: LookupCallback) => {
    if (options?.all) cb(null, [{ address: target.address, family: target.family }]);
    else cb(null, target.address, target.family);
  };
}
