// Which database failure a thrown value is (lost server, cancelled statement, no pgvector, …) and what to do about it.
import type { ErrorCode } from './app-error';

export interface DbErrorKindInfo {
  code: ErrorCode;
  /** What went wrong, lower-case so callers can embed it mid-sentence. */
  problem: string;
  /** What the user can change before trying again; null when trying again is all it takes. */
  remedy: string | null;
}

// One fixed wording per kind: the HTTP answer, the CLI line and ingest's shard error all say the same thing.
export const DB_ERROR_KINDS = {
  connection_lost: {
    code: 'unavailable',
    problem: 'the database is not reachable (connection refused, lost or shut down)',
    remedy: 'check that PostgreSQL is running and DATABASE_URL points at it',
  },
  login_rejected: {
    code: 'unavailable',
    problem: 'the database refused the login or does not exist',
    remedy: 'check the user, password and database name in DATABASE_URL',
  },
  statement_cancelled: {
    code: 'unavailable',
    problem: 'the database cancelled the statement (statement_timeout or pg_cancel_backend)',
    remedy: 'raise statement_timeout if it is set for this database or role',
  },
  missing_extension: {
    code: 'unavailable',
    problem: 'the database lacks pgvector ≥ 0.7 (the vector extension, its halfvec type or operators)',
    remedy: 'install pgvector ≥ 0.7 (scripts/postgres.sh shows how) or run without DATABASE_URL to use the embedded database',
  },
  disk_full: {
    code: 'unavailable',
    problem: "the database server's disk is full",
    remedy: 'free space on the disk that holds its data directory',
  },
  out_of_memory: {
    code: 'unavailable',
    problem: 'the database server ran out of memory',
    remedy: 'use a smaller batch size or give the server more memory',
  },
  too_many_connections: {
    code: 'unavailable',
    problem: 'the database has no free connections',
    remedy: 'close other clients or lower SIEVE_DB_POOL',
  },
  read_only: {
    code: 'unavailable',
    problem: 'the database is read-only (a standby, or default_transaction_read_only is on)',
    remedy: 'point DATABASE_URL at the writable primary',
  },
  write_conflict: {
    code: 'conflict',
    problem: 'another transaction changed the same rows at the same time (serialization failure or deadlock)',
    remedy: null,
  },
  lock_unavailable: {
    code: 'conflict',
    problem: 'another session holds a lock this statement needs',
    remedy: 'wait for that session to finish',
  },
} as const satisfies Record<string, DbErrorKindInfo>;

export type DbErrorKind = keyof typeof DB_ERROR_KINDS;

export interface DbErrorClass extends DbErrorKindInfo {
  kind: DbErrorKind;
  /** One line for an HTTP answer or the CLI: the problem, then what to do. */
  message: string;
}

// SQLSTATEs (https://www.postgresql.org/docs/current/errcodes-appendix.html) that decide the kind on their own.
const BY_SQLSTATE: Record<string, DbErrorKind> = {
  '57P01': 'connection_lost', // admin_shutdown, also pg_terminate_backend
  '57P02': 'connection_lost', // crash_shutdown
  '57P03': 'connection_lost', // cannot_connect_now: starting up or shutting down
  '57P04': 'connection_lost', // database_dropped
  '57014': 'statement_cancelled', // query_canceled
  '53100': 'disk_full',
  '53200': 'out_of_memory',
  '53300': 'too_many_connections',
  '25006': 'read_only', // read_only_sql_transaction
  '40001': 'write_conflict', // serialization_failure
  '40P01': 'write_conflict', // deadlock_detected
  '55P03': 'lock_unavailable', // lock_not_available (lock_timeout, NOWAIT)
  '3D000': 'login_rejected', // invalid_catalog_name: the database in the URL does not exist
};

// Node socket errors: the server is down, unreachable or went away mid-statement.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

// node-postgres reports a closed socket with these messages and no code.
const LOST_MESSAGE = /Connection terminated|connection error and is not queryable|Client was closed|the database system is (starting|shutting) up/i;

// pgvector's names: a 42704/42883 mentioning them means the extension is missing, not a typo of ours.
const PGVECTOR_NAME = /\b(vector|halfvec|sparsevec|hnsw|ivfflat)\b|<=>|<#>/i;

function kindOf(code: string, message: string): DbErrorKind | null {
  const byCode = BY_SQLSTATE[code];
  if (byCode) return byCode;
  if (code.startsWith('08') && code.length === 5) return 'connection_lost'; // connection_exception class
  if (code.startsWith('28') && code.length === 5) return 'login_rejected'; // invalid_authorization_specification class
  if (SOCKET_CODES.has(code) || LOST_MESSAGE.test(message)) return 'connection_lost';
  // Citus relays a worker's error during COPY with the worker's message but SQLSTATE XX000.
  if (code === 'XX000' && /^canceling statement due to (statement timeout|user request)/.test(message)) return 'statement_cancelled';
  if (/extension "vector" is not available/i.test(message)) return 'missing_extension';
  if (code === '58P01' && /control file|vector/i.test(message)) return 'missing_extension'; // undefined_file
  if ((code === '42704' || code === '42883') && PGVECTOR_NAME.test(message)) return 'missing_extension';
  return null;
}

/**
 * Returns the kind of database failure `err` is, or null for anything else (which callers treat
 * as a bug). Looks through `cause` and AggregateError's `errors`, where Prisma and Node's
 * happy-eyeballs connect put the node-postgres or socket error.
 */
export function classifyDbError(err: unknown): DbErrorClass | null {
  const kind = findKind(err, 0);
  if (!kind) return null;
  const info: DbErrorKindInfo = DB_ERROR_KINDS[kind];
  const problem = info.problem.charAt(0).toUpperCase() + info.problem.slice(1);
  return { kind, ...info, message: `${problem}: ${info.remedy ? `${info.remedy}, then try again` : 'try again'}.` };
}

function findKind(err: unknown, depth: number): DbErrorKind | null {
  if (!(err instanceof Error) || depth > 4) return null;
  const code = (err as { code?: unknown }).code;
  const kind = kindOf(typeof code === 'string' ? code : '', err.message);
  if (kind) return kind;
  for (const inner of [err.cause, ...(err instanceof AggregateError ? err.errors : [])]) {
    const found = findKind(inner, depth + 1);
    if (found) return found;
  }
  return null;
}
