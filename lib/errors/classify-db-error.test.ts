import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { toAppError } from './to-app-error';
import { toExitCode } from '../cli/exit-code';
import { classifyDbError, DB_ERROR_KINDS, type DbErrorKind } from './classify-db-error';

/** The error node-postgres raises for an ErrorResponse from the server. */
function dbError(code: string, message: string): Error {
  const e = new pg.DatabaseError(message, message.length, 'error');
  e.code = code;
  e.severity = code === '57P01' ? 'FATAL' : 'ERROR';
  return e;
}

const socketError = (code: string, message: string) => Object.assign(new Error(message), { code, errno: -111, syscall: 'connect' });

// Real messages from PostgreSQL 16 / pgvector 0.8 / node-postgres 8, and the exit code each kind documents.
const CASES: [string, Error, DbErrorKind, number][] = [
  ['refused socket', socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'connection_lost', 69],
  ['reset socket', socketError('ECONNRESET', 'read ECONNRESET'), 'connection_lost', 69],
  ['closed socket', new Error('Connection terminated unexpectedly'), 'connection_lost', 69],
  ['admin shutdown', dbError('57P01', 'terminating connection due to administrator command'), 'connection_lost', 69],
  ['crash shutdown', dbError('57P02', 'terminating connection because of crash of another server process'), 'connection_lost', 69],
  ['starting up', dbError('57P03', 'the database system is starting up'), 'connection_lost', 69],
  ['connection class', dbError('08006', 'connection failure'), 'connection_lost', 69],
  ['bad password', dbError('28P01', 'password authentication failed for user "sieve"'), 'login_rejected', 78],
  ['no database', dbError('3D000', 'database "nope" does not exist'), 'login_rejected', 78],
  ['statement_timeout', dbError('57014', 'canceling statement due to statement timeout'), 'statement_cancelled', 75],
  ['pg_cancel_backend', dbError('57014', 'canceling statement due to user request'), 'statement_cancelled', 75],
  ['a worker’s timeout relayed by Citus during COPY', dbError('XX000', 'canceling statement due to statement timeout'), 'statement_cancelled', 75],
  ['no vector extension', dbError('0A000', 'extension "vector" is not available'), 'missing_extension', 78],
  ['no control file', dbError('58P01', 'could not open extension control file "/usr/share/postgresql/16/extension/vector.control": No such file or directory'), 'missing_extension', 78],
  ['no halfvec type', dbError('42704', 'type "halfvec" does not exist'), 'missing_extension', 78],
  ['no vector operator', dbError('42883', 'operator does not exist: halfvec <=> halfvec'), 'missing_extension', 78],
  ['disk full', dbError('53100', 'could not extend file "base/16384/16385": No space left on device'), 'disk_full', 74],
  ['out of memory', dbError('53200', 'out of memory'), 'out_of_memory', 71],
  ['too many connections', dbError('53300', 'sorry, too many clients already'), 'too_many_connections', 75],
  ['read-only', dbError('25006', 'cannot execute INSERT in a read-only transaction'), 'read_only', 78],
  ['serialization', dbError('40001', 'could not serialize access due to concurrent update'), 'write_conflict', 75],
  ['deadlock', dbError('40P01', 'deadlock detected'), 'write_conflict', 75],
  ['lock not available', dbError('55P03', 'canceling statement due to lock timeout'), 'lock_unavailable', 75],
];

describe('classifyDbError', () => {
  it.each(CASES)('%s → its kind, one-line message and exit code', (_, err, kind, exit) => {
    expect(classifyDbError(err)?.kind).toBe(kind);
    const e = toAppError(err);
    expect(e.code).toBe(DB_ERROR_KINDS[kind].code);
    expect(e.details).toEqual({ dbError: kind });
    expect(e.message).toBe(classifyDbError(err)?.message);
    expect(e.message).not.toContain('\n');
    // The kind's fixed wording, whatever the server said.
    expect(e.message.toLowerCase().startsWith(`${DB_ERROR_KINDS[kind].problem}: `)).toBe(true);
    expect(e.message.endsWith('try again.')).toBe(true);
    expect(toExitCode(e)).toBe(exit);
  });

  it('says how to get pgvector when it is missing', () => {
    expect(toAppError(dbError('42704', 'type "vector" does not exist')).message).toMatch(/pgvector ≥ 0\.7.*scripts\/postgres\.sh.*without DATABASE_URL/);
  });

  it('finds the database error under a cause or inside an AggregateError', () => {
    expect(classifyDbError(new Error('query failed', { cause: dbError('57014', 'canceling statement due to statement timeout') }))?.kind).toBe('statement_cancelled');
    const happyEyeballs = new AggregateError([socketError('ECONNREFUSED', 'connect ECONNREFUSED ::1:5432'), socketError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')], '');
    expect(classifyDbError(happyEyeballs)?.kind).toBe('connection_lost');
  });

  it('leaves everything else to the caller as a bug, without echoing it', () => {
    for (const err of [
      dbError('23505', 'duplicate key value violates unique constraint "pairs_pkey"'),
      dbError('42704', 'type "nosuch" does not exist'),
      dbError('58P01', 'could not open file "base/1/2": No such file or directory'),
      new TypeError('secret /etc/passwd'),
      'a string',
      null,
    ]) {
      expect(classifyDbError(err)).toBeNull();
      const e = toAppError(err);
      expect(e.code).toBe('internal');
      expect(e.message).not.toMatch(/secret|duplicate|nosuch|base\/1/);
      expect(toExitCode(e)).toBe(70);
    }
  });
});
