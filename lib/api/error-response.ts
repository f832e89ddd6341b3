// The one place any thrown value becomes an HTTP answer: { error: { code, message, details? } }.
import { ZodError } from 'zod';
import { classifyDbError } from '../db/classify-db-error';
import { AppError, type ErrorCode } from '../errors/app-error';

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

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    return new AppError('bad_request', first ? `${first.path || 'input'}: ${first.message}` : 'invalid input', { issues });
  }
  // The kind rides along in details so the CLI can give each database failure its own exit code.
  const db = classifyDbError(err);
  if (db) return new AppError(db.code, db.message, { dbError: db.kind });
  return new AppError('internal', 'Something went wrong on our side; the cause is in the server log.');
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
