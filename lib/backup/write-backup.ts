// `sieve backup FILE`: the irreplaceable tables (lib/backup/tables.ts) as gzipped JSON Lines, read in one snapshot:
// a header, a line per row, and a trailer whose counts and SHA-256 let a restore tell a whole file from a cut one.
// A hidden pair's URL, hash or sample id, wherever a row holds one (an audit detail, a takedown item, a flag note),
// is written only as its SHA-256 (lib/masking/mask-hidden); a restore takes the masked form as equal to the clear one.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import type { Db, Queryable } from '../db/client';
import { AppError } from '../errors/app-error';
import { loadHiddenMask } from '../masking/mask-hidden';
import { BACKUP_FORMAT, BACKUP_VERSION, type BackupHeader, type BackupSummary, type BackupTrailer } from './schemas';
import { countRows, selectBackupRows, selectSchemaVersion } from './sql';
import { BACKUP_TABLES, type BackupTableName } from './tables';

// Rows per keyset page: large enough that round trips do not dominate, small enough to keep memory flat.
const PAGE_ROWS = 5_000;

export async function writeBackup(db: Db, file: string): Promise<BackupSummary> {
  if (await stat(file).then(() => true, () => false)) throw new AppError('conflict', `${file} exists: give a new file name (a backup never overwrites one)`, { file });
  const partial = `${file}.partial`;
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  // One snapshot for every table: a flag written while the backup runs is either wholly in it (with its events) or not.
  const counts = await db.tx(
    async (q) => {
      const header = await headerOf(q);
      await pipeline(Readable.from(lines(q, header)), createGzip(), createWriteStream(partial));
      return header.counts as Record<BackupTableName, number>;
    },
    { prelude: 'SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY' },
  ).catch(async (e: unknown) => {
    await rm(partial, { force: true });
    throw e;
  });
  await rename(partial, file);
  return { file, bytes: (await stat(file)).size, counts };
}

async function headerOf(q: Queryable): Promise<BackupHeader> {
  const counts: Record<string, number> = {};
  for (const spec of BACKUP_TABLES) counts[spec.name] = await countRows(q, spec);
  return { format: BACKUP_FORMAT, version: BACKUP_VERSION, created_at: new Date().toISOString(), sieve_schema: await selectSchemaVersion(q), counts };
}

async function* lines(q: Queryable, header: BackupHeader): AsyncGenerator<Buffer> {
  const hash = createHash('sha256');
  const mask = await loadHiddenMask(q);
  const line = (value: unknown) => {
    const bytes = Buffer.from(`${JSON.stringify(value)}\n`);
    hash.update(bytes);
    return bytes;
  };
  yield line(header);
  for (const spec of BACKUP_TABLES) {
    let written = 0;
    for (let page = await selectBackupRows(q, spec, null, PAGE_ROWS); page.rows.length > 0; page = await selectBackupRows(q, spec, page.last, PAGE_ROWS)) {
      yield Buffer.concat(page.rows.map((r) => line({ t: spec.name, r: mask(r) })));
      written += page.rows.length;
    }
    // The snapshot makes this impossible short of a bug; a file that disagrees with itself must not be left behind.
    if (written !== header.counts[spec.name]) throw new AppError('internal', `backup: read ${written} ${spec.name} rows of ${header.counts[spec.name]}`);
  }
  const trailer: BackupTrailer = { end: true, counts: header.counts, sha256: hash.digest('hex') };
  yield Buffer.from(`${JSON.stringify(trailer)}\n`);
}
