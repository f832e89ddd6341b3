// better-auth's endpoints as Sieve serves them: its answers, with the standard Retry-After on a 429, and a JSON 400
// (not better-auth's thrown error, a 500) for a Host that Sieve doesn't answer at.
import { errorResponse } from './error-response';
import { AppError } from '../errors/app-error';
import { getAuth } from '../auth/get-auth';
import { isSieveHost } from '../auth/is-sieve-host';

export async function handleAuthRequest(request: Request): Promise<Response> {
  if (!isSieveHost(request.headers)) {
    // The message also at the top level, where better-auth's client reads it.
    return errorResponse(new AppError('bad_request', 'Sieve does not answer at the host this request names.'), { messageAtTop: true });
  }
  const res = await getAuth().handler(request);
  // better-auth's own limiter says when to come back only in X-Retry-After; clients and proxies read Retry-After.
  const retryAfter = res.headers.get('x-retry-after');
  if (res.status !== 429 || res.headers.has('retry-after') || !retryAfter) return res;
  const headers = new Headers(res.headers);
  headers.set('retry-after', retryAfter);
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}
