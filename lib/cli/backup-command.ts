// `sieve backup FILE` and `sieve restore FILE`: the irreplaceable data (accounts, flags and decisions, takedowns,
// block lists, the audit trail, export manifests) to one portable file and back (lib/backup).
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { cliActor } from '../auth/cli-actor';
import { restoreBackup } from '../backup/restore-backup';
import { writeBackup } from '../backup/write-backup';

export const BACKUP_USAGE = `  backup <file>
      write users, password hashes, tokens, flags with their decisions, takedowns, block lists, concept rules, the
      audit trail and export manifests to <file> (gzipped JSON Lines, one consistent snapshot). Pairs and vectors
      are not in it: they come back by ingesting the same source files.
  restore <file>
      put a backup back in one transaction, after checking the whole file (a truncated or edited one is refused).
      Ingest the backed-up datasets from the same files first: flags find their pairs again by shard and row.
      Rows already there as the backup has them are kept (a re-run adds nothing); one with other content is refused.`;

function fileOf(command: string, positionals: string[]): string {
  if (positionals.length !== 1) throw new AppError('bad_request', `give one file: npm run sieve -- ${command} <file>`);
  return positionals[0];
}

export async function runBackupCommand(db: Db, positionals: string[]): Promise<void> {
  const started = Date.now();
  const r = await writeBackup(db, fileOf('backup', positionals));
  const rows = Object.entries(r.counts).filter(([, n]) => n > 0).map(([t, n]) => `${n} ${t}`);
  process.stdout.write(`backup written to ${r.file}: ${rows.join(', ') || 'no rows'} (${r.bytes} bytes, ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
}

export async function runRestoreCommand(db: Db, positionals: string[]): Promise<void> {
  const r = await restoreBackup(db, cliActor(), fileOf('restore', positionals));
  const lines = Object.entries(r.tables).filter(([, c]) => c.added + c.present > 0).map(([t, c]) => `  ${t}: ${c.added} added, ${c.present} already there`);
  process.stdout.write(`restored ${r.file} (taken ${r.createdAt})\n${lines.join('\n')}\n`);
}
