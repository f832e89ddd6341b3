// better-auth's endpoints as Sieve serves them: its answers, with the standard Retry-After on a 429.
import { getAuth } from './get-auth';

/** better-auth's own limiter says when to come back only in `X-Retry-After`; clients and proxies read `Retry-After`. */
export async function handleAuthRequest(request: Request): Promise<Response> {
  const res = await getAuth().handler(request);
  const retryAfter = res.headers.get('x-retry-after');
  if (res.status !== 429 || res.headers.has('retry-after') || !retryAfter) return res;
  const headers = new Headers(res.headers);
  headers.set('retry-after', retryAfter);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
