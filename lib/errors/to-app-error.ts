// Any thrown value as the one error type: HTTP (lib/api/error-response.ts), the CLI and the job worker all word
// failures from it, so a bad input, a lost database or a bug reads the same everywhere.
import { ZodError } from 'zod';
import { AppError } from './app-error';
import { classifyDbError } from './classify-db-error';

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
