// The one place any thrown value becomes an HTTP answer: { error: { code, message, details? } }.
import { type ErrorCode } from '../errors/app-error';
import { toAppError } from '../errors/to-app-error';

// Typed as a full Record so a new error code does not compile until it has a status.
export const HTTP_STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}

/**
 * `messageAtTop` also puts the message beside `error` ({ message, error }), for clients that read a top-level
 * `message`: clip-retrieval's answer errors as `{"message": …}`.
 */
export function errorResponse(err: unknown, opts: { messageAtTop?: boolean } = {}): Response {
  const e = toAppError(err);
  // Only unexpected errors are logged with their cause; the response never echoes it.
  if (e.code === 'internal') console.error('[api]', err);
  // A lost database fails every request until it is back: one line each, not a stack trace each.
  else if (e.code === 'unavailable') console.error(`[api] ${e.message}${err instanceof Error && err !== e ? ` (${err.message})` : ''}`);
  const body: ErrorBody = { error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
  const headers = e.code === 'rate_limited' ? { 'retry-after': String(retryAfterOf(e.details)) } : undefined;
  return Response.json(opts.messageAtTop ? { message: e.message, ...body } : body, { status: HTTP_STATUS[e.code], headers });
}

/** Every 429 says when to come back: the seconds in its details, else a minute (the shortest window Sieve counts in). */
function retryAfterOf(details: unknown): number {
  const s = (details as { retryAfter?: unknown } | undefined)?.retryAfter;
  return typeof s === 'number' && Number.isFinite(s) && s > 0 ? Math.ceil(s) : 60;
}
