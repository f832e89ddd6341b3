// Test support: call a route handler the way Next.js would, as a given visitor (cookie, token, origin, address).
import type { Route } from '@/lib/api/api-route';

export const ORIGIN = 'http://127.0.0.1:3000';
let address = 0;

export interface As {
  cookie?: string;
  token?: string;
  /** The page the request comes from; Sieve's own by default. `null` sends no Origin at all. */
  origin?: string | null;
  secFetchSite?: string;
  /** A distinct client address per call by default, so per-IP sign-in limits don't couple tests. */
  ip?: string;
}

export function request(method: string, path: string, body?: unknown, as: As = {}): Request {
  const headers = new Headers({ host: new URL(ORIGIN).host, 'x-forwarded-for': as.ip ?? `10.9.${Math.floor(++address / 250)}.${address % 250}` });
  if (body !== undefined) headers.set('content-type', 'application/json');
  if (as.origin !== null) headers.set('origin', as.origin ?? ORIGIN);
  if (as.secFetchSite) headers.set('sec-fetch-site', as.secFetchSite);
  if (as.cookie) headers.set('cookie', as.cookie);
  if (as.token) headers.set('authorization', `Bearer ${as.token}`);
  return new Request(`${ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
}

export function call(route: Route | ((r: Request) => Promise<Response>), req: Request, params: Record<string, string> = {}): Promise<Response> {
  return (route as Route)(req, { params: Promise.resolve(params) });
}
