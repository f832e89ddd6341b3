// The CLI's one mapping from errors to exit codes (sysexits-style where one fits); USAGE and the README list them.
import type { AppError, ErrorCode } from '../errors/app-error';
import { DB_ERROR_KINDS, type DbErrorKind } from '../errors/classify-db-error';

/** Unknown command or malformed flag. */
export const EX_USAGE = 64;

export const EXIT_CODE: Record<ErrorCode, number> = {
  bad_request: 65, // EX_DATAERR: the input file or argument is wrong
  unauthorized: 77,
  forbidden: 77, // EX_NOPERM
  not_found: 66, // EX_NOINPUT
  conflict: 75, // EX_TEMPFAIL: try again once the other process is done
  payload_too_large: 65,
  unsupported_media_type: 65,
  rate_limited: 75,
  unavailable: 69, // EX_UNAVAILABLE
  internal: 70, // EX_SOFTWARE
};

// A full Record, so a new database error kind does not compile until it has an exit code.
// Scripts can tell "retry later" (75) from "fix the setup" (78) from "server down" (69).
export const DB_EXIT_CODE: Record<DbErrorKind, number> = {
  connection_lost: 69, // EX_UNAVAILABLE
  login_rejected: 78, // EX_CONFIG: DATABASE_URL is wrong
  statement_cancelled: 75, // EX_TEMPFAIL
  missing_extension: 78, // EX_CONFIG
  disk_full: 74, // EX_IOERR
  out_of_memory: 71, // EX_OSERR
  too_many_connections: 75, // EX_TEMPFAIL
  read_only: 78, // EX_CONFIG: pointed at a standby
  write_conflict: 75, // EX_TEMPFAIL
  lock_unavailable: 75, // EX_TEMPFAIL
};

export function toExitCode(e: AppError): number {
  const kind = (e.details as { dbError?: unknown } | undefined)?.dbError;
  return typeof kind === 'string' && Object.hasOwn(DB_ERROR_KINDS, kind) ? DB_EXIT_CODE[kind as DbErrorKind] : EXIT_CODE[e.code];
}
