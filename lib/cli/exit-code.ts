// The CLI's one mapping from error codes to exit codes (sysexits-style where one fits).
import type { ErrorCode } from '../errors/app-error';

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
