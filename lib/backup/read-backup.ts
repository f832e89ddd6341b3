// Reads a backup file and checks it as it goes: the header first (format and version), each row against its table's
// schema and in the order a restore writes them, and at the end the trailer's counts and SHA-256 over every line.
// Whatever is wrong is thrown with the file and line named; a restore reads the whole file once before it writes.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import { readBackupLines } from './read-backup-lines';
import { BACKUP_FORMAT, BACKUP_VERSION, BackupHeader, BackupTrailer, ROW_SCHEMAS, RowLine, type BackupRow } from './schemas';
import { BACKUP_TABLE_NAMES, type BackupTableName } from './tables';

export type BackupItem = { kind: 'header'; header: BackupHeader } | { kind: 'row'; n: number; table: BackupTableName; row: BackupRow };

/**
 * `trusted`: the file passed this check a moment ago, so rows are not parsed against their schemas again (a fifth of
 * a restore's time); the seal is still checked at the end, so a file changed since is refused all the same.
 */
export async function* readBackup(file: string, opts: { trusted?: boolean } = {}): AsyncGenerator<BackupItem> {
  const hash = createHash('sha256');
  const counts = Object.fromEntries(BACKUP_TABLE_NAMES.map((t) => [t, 0])) as Record<BackupTableName, number>;
  let header: BackupHeader | null = null;
  let trailer: BackupTrailer | null = null;
  let order = 0;
  for await (const { n, bytes, value } of readBackupLines(file)) {
    const fail = (message: string) => new AppError('bad_request', `${file}: line ${n}: ${message}`, { file });
    if (trailer) throw fail('lines after the trailer: the file was edited');
    if (!header) {
      header = checkHeader(file, value);
      hash.update(bytes);
      yield { kind: 'header', header };
      continue;
    }
    if ((value as { end?: unknown })?.end !== undefined) {
      trailer = parse(BackupTrailer, value, fail, 'trailer');
      continue;
    }
    const line = parse(RowLine, value, fail, 'row');
    const at = BACKUP_TABLE_NAMES.indexOf(line.t);
    if (at < order) throw fail(`a ${line.t} row after ${BACKUP_TABLE_NAMES[order]} rows: the file was edited`);
    order = at;
    const row = opts.trusted ? (line.r as BackupRow) : parse(ROW_SCHEMAS[line.t], line.r, fail, `${line.t} row`);
    hash.update(bytes);
    counts[line.t] += 1;
    yield { kind: 'row', n, table: line.t, row };
  }
  if (!header) throw new AppError('bad_request', `${file}: empty: not a Sieve backup`, { file });
  if (!trailer) throw new AppError('bad_request', `${file}: no trailer after the last row: the file is truncated`, { file });
  for (const t of BACKUP_TABLE_NAMES) {
    if (counts[t] !== (trailer.counts[t] ?? 0) || counts[t] !== (header.counts[t] ?? 0)) {
      throw new AppError('bad_request', `${file}: ${counts[t]} ${t} rows, but the file says ${trailer.counts[t] ?? 0}: the file is damaged`, { file });
    }
  }
  if (hash.digest('hex') !== trailer.sha256) throw new AppError('bad_request', `${file}: its SHA-256 does not match its trailer: the file was changed or damaged`, { file });
}

function checkHeader(file: string, value: unknown): BackupHeader {
  const v = value as { format?: unknown; version?: unknown } | null;
  if (v?.format !== BACKUP_FORMAT) throw new AppError('bad_request', `${file}: not a Sieve backup (no "${BACKUP_FORMAT}" header on line 1)`, { file });
  if (typeof v.version === 'number' && v.version > BACKUP_VERSION) {
    throw new AppError('bad_request', `${file}: backup format version ${v.version} is newer than this Sieve reads (${BACKUP_VERSION}): restore it with a newer Sieve`, { file });
  }
  return parse(BackupHeader, value, (m) => new AppError('bad_request', `${file}: line 1: ${m}`, { file }), 'header');
}

function parse<T>(schema: z.ZodType<T>, value: unknown, fail: (m: string) => AppError, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw fail(`bad ${what}: ${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
}
