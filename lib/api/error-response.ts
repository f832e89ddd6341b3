// The one place any thrown value becomes an HTTP answer: { error: { code, message, details? } }.
import { ZodError } from 'zod';
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

// node-postgres reports a lost or refused server with these socket codes and messages.
const LOST_DB = /ECONNREFUSED|ECONNRESET|Connection terminated|connect ETIMEDOUT|the database system is (starting|shutting) up/;

export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) {
    const issues = err.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    return new AppError('bad_request', first ? `${first.path || 'input'}: ${first.message}` : 'invalid input', { issues });
  }
  const text = err instanceof Error ? `${(err as { code?: string }).code ?? ''} ${err.message}` : '';
  if (LOST_DB.test(text)) return new AppError('unavailable', 'The database is not reachable right now; try again shortly.');
  return new AppError('internal', 'Something went wrong on our side; the cause is in the server log.');
}

export function errorResponse(err: unknown): Response {
  const e = toAppError(err);
  // Only unexpected errors are logged with their cause; the response never echoes it.
  if (e.code === 'internal' || e.code === 'unavailable') console.error('[api]', err);
  const body: ErrorBody = { error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) } };
  return Response.json(body, { status: HTTP_STATUS[e.code] });
}
