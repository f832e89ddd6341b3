// How a failed `sieve` command tells the user: one line on stderr, the stack only with --verbose.
import { toAppError } from '../errors/to-app-error';
import type { AppError } from '../errors/app-error';
import { toExitCode } from './exit-code';

export interface ReportContext {
  /** The --dataset the command ran on, named in the line unless the message already does. */
  dataset?: string;
  verbose?: boolean;
  stream?: NodeJS.WritableStream & { isTTY?: boolean };
}

/** Writes `sieve <command> (<dataset>, <file>): <message>` and returns the exit code for it. */
export function reportError(command: string, err: unknown, ctx: ReportContext = {}): number {
  const stream = ctx.stream ?? process.stderr;
  const e = toAppError(err);
  const message = e.code === 'internal' ? describeUnexpected(err, e, ctx.verbose) : e.message;
  const file = (e.details as { file?: unknown } | undefined)?.file;
  const where = [
    ctx.dataset && !message.includes(`"${ctx.dataset}"`) ? `dataset "${ctx.dataset}"` : null,
    typeof file === 'string' && !message.includes(file) ? file : null,
  ].filter(Boolean);
  // A progress bar may own the current terminal line; start the error on a clean one.
  const clear = stream.isTTY ? '\r\x1b[K' : '';
  const line = `sieve ${command}${where.length ? ` (${where.join(', ')})` : ''}: ${message}`.replace(/\s*\n\s*/g, ' ');
  stream.write(`${clear}${line}\n`);
  if (ctx.verbose) stream.write(describeChain(err));
  return toExitCode(e);
}

function describeUnexpected(err: unknown, e: AppError, verbose = false): string {
  // Our own AppError('internal') messages are written for users; anything else may hold paths,
  // SQL or secrets and span lines, so only its type is named.
  const what = err === e ? `unexpected error: ${e.message}` : `unexpected error (${describeType(err)})`;
  return `${what}; ${verbose ? 'its stack follows' : 're-run with --verbose for the stack'}, and report it if it happens again`;
}

function describeType(err: unknown): string {
  if (!(err instanceof Error)) return typeof err;
  const code = (err as { code?: unknown }).code;
  // node-postgres names its DatabaseError instances 'error'; the class name says more.
  return `${err.constructor?.name || err.name}${typeof code === 'string' ? ` ${code}` : ''}`;
}

/** The stack of the error and of each cause, with the SQLSTATE fields node-postgres adds. */
function describeChain(err: unknown): string {
  const parts: string[] = [];
  for (let cur = err, depth = 0; cur != null && depth < 5; depth++) {
    const fields = ['code', 'detail', 'hint', 'where']
      .map((k) => [k, (cur as Record<string, unknown>)[k]] as const)
      .filter(([, v]) => typeof v === 'string')
      .map(([k, v]) => `  ${k}: ${v}`);
    parts.push(`${depth ? 'caused by: ' : ''}${cur instanceof Error ? (cur.stack ?? String(cur)) : String(cur)}`, ...fields);
    cur = cur instanceof Error ? cur.cause : undefined;
  }
  return `${parts.join('\n')}\n`;
}
