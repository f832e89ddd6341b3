import { Writable } from 'node:stream';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { reportError } from './report-error';

function capture(isTTY = false) {
  let text = '';
  const stream = Object.assign(new Writable({ write: (chunk, _enc, done) => ((text += String(chunk)), done()) }), { isTTY });
  return { stream, text: () => text };
}

function cancelled(): Error {
  const e = new pg.DatabaseError('canceling statement due to statement timeout', 0, 'error');
  e.code = '57014';
  e.severity = 'ERROR';
  return e;
}

describe('reportError', () => {
  it('prints one line with the dataset and the exit code of the database error kind', () => {
    const out = capture();
    expect(reportError('embed', cancelled(), { dataset: 'laion', stream: out.stream })).toBe(75);
    expect(out.text()).toBe(
      'sieve embed (dataset "laion"): The database cancelled the statement (statement_timeout or pg_cancel_backend): raise statement_timeout if it is set for this database or role, then try again.\n',
    );
  });

  it('names the file from details unless the message already names it and the dataset', () => {
    const out = capture();
    reportError('ingest', new AppError('bad_request', 'row 3: URL is missing', { file: 'part-0.parquet', row: 3 }), { dataset: 'laion', stream: out.stream });
    expect(out.text()).toBe('sieve ingest (dataset "laion", part-0.parquet): row 3: URL is missing\n');
    const again = capture();
    reportError('ingest', new AppError('unavailable', 'x while writing part-0.parquet into dataset "laion"', { file: 'part-0.parquet' }), { dataset: 'laion', stream: again.stream });
    expect(again.text()).toBe('sieve ingest: x while writing part-0.parquet into dataset "laion"\n');
  });

  it('a connection refused is exit 69', () => {
    const out = capture();
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(reportError('datasets', refused, { stream: out.stream })).toBe(69);
    expect(out.text()).toMatch(/^sieve datasets: The database is not reachable .*DATABASE_URL.*\n$/);
  });

  it('an unexpected error is one line naming its type, never its message, and exit 70', () => {
    const out = capture();
    const err = new TypeError('cannot read x of undefined\n  at /home/me/secret.ts');
    expect(reportError('search', err, { stream: out.stream })).toBe(70);
    expect(out.text()).toBe('sieve search: unexpected error (TypeError); re-run with --verbose for the stack, and report it if it happens again\n');
  });

  it('bad input keeps its message and exit 65; zod issues come out on the same line', () => {
    const out = capture();
    const parsed = z.object({ dataset: z.string().min(1) }).safeParse({ dataset: '' });
    expect(reportError('ingest', parsed.error, { stream: out.stream })).toBe(65);
    expect(out.text().trim().split('\n')).toHaveLength(1);
    expect(out.text()).toMatch(/^sieve ingest: dataset: /);
  });

  it('--verbose adds the stack, the cause and its SQLSTATE after the line', () => {
    const out = capture();
    const err = new AppError('unavailable', 'the database cancelled the statement while writing a.parquet', { dbError: 'statement_cancelled' });
    err.cause = cancelled();
    expect(reportError('ingest', err, { verbose: true, stream: out.stream })).toBe(75);
    const [line, ...rest] = out.text().split('\n');
    expect(line).toBe('sieve ingest: the database cancelled the statement while writing a.parquet');
    const more = rest.join('\n');
    expect(more).toMatch(/^AppError: the database cancelled/);
    expect(more).toMatch(/caused by: error: canceling statement due to statement timeout\n\s+at /);
    expect(more).toContain('  code: 57014');
  });

  it('clears a progress bar on a terminal before the line', () => {
    const out = capture(true);
    reportError('ingest', new AppError('not_found', 'no such file'), { stream: out.stream });
    expect(out.text()).toBe('\r\x1b[Ksieve ingest: no such file\n');
  });
});
