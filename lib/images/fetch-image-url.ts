// Server-side fetch of a user-given image URL, guarded against SSRF: only public addresses, pinned, capped, sniffed.
import { AppError } from '../errors/app-error';
import { checkImageBytes } from './check-image-bytes';
import { requestImage } from './request-image';
import { resolveFetchTarget } from './resolve-fetch-target';

export type FetchImageOptions = {
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Exact "host:port" endpoints exempt from the public-address rule; defaults to SIEVE_FETCH_ALLOW. */
  allow?: string[];
};

export type FetchedImage = { bytes: Uint8Array; type: string; finalUrl: string };

export async function fetchImageUrl(url: string, opts: FetchImageOptions = {}): Promise<FetchedImage> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  // One deadline for the whole chain, DNS and redirects included, so a slow hop cannot reset it.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new AppError('bad_request', `fetching ${url} timed out after ${timeoutMs / 1000} s`));
      controller.abort();
    }, timeoutMs);
  });
  try {
    return await Promise.race([followRedirects(url, opts, controller.signal), deadline]);
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
}

async function followRedirects(url: string, opts: FetchImageOptions, signal: AbortSignal): Promise<FetchedImage> {
  const maxBytes = opts.maxBytes ?? 10 * 1024 * 1024;
  const maxRedirects = opts.maxRedirects ?? 3;
  const allow = opts.allow ?? envAllowList();
  let current = parseUrl(url);
  let via: string | undefined;
  for (let hop = 0; ; hop++) {
    // Every hop is vetted exactly like the first: a public server may redirect anywhere.
    const target = await resolveFetchTarget(current, allow, via);
    const res = await requestImage(current, target, { maxBytes, signal });
    if (res.location) {
      if (hop >= maxRedirects) throw new AppError('bad_request', `${url} redirected more than ${maxRedirects} times`);
      via = current.href;
      current = parseUrl(res.location, current);
      continue;
    }
    if (!res.bytes) throw new AppError('bad_request', `${current.href} answered HTTP ${res.status}`);
    const type = checkImageBytes(res.bytes, { maxBytes, what: `the file at ${current.href}` });
    return { bytes: res.bytes, type, finalUrl: current.href };
  }
}

function parseUrl(text: string, base?: URL): URL {
  try {
    return new URL(text, base);
  } catch {
    const where = base ? ` (redirected from ${base.href})` : '';
    throw new AppError('bad_request', `${text}${where} is not a valid URL`);
  }
}

function envAllowList(): string[] {
  return (process.env.SIEVE_FETCH_ALLOW ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
