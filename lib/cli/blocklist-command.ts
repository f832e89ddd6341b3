// `sieve blocklist`: import (or update) a standing block list from a file, and list them.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { cliActor } from '../auth/cli-actor';
import { FlagReason } from '../flags/schemas';
import { findBlockLists } from '../takedowns/find-block-lists';
import { importBlockList } from '../takedowns/import-block-list';

export const BLOCKLIST_USAGE = `  blocklist import <file> --name <name> [--reason <flag reason>] [--keep-going]
      a text file (one URL, domain or hash per line), or CSV / Parquet with a url, domain or hash column; flags every
      pair it names now and at every later ingest. Re-importing a name replaces its entries (the difference is audited)
  blocklist list                  the block lists with their size and how many pairs they hit`;

export const BLOCKLIST_OPTIONS = { name: { type: 'string' }, reason: { type: 'string' }, 'keep-going': { type: 'boolean' } } as const;

export async function runBlocklistCommand(db: Db, v: Record<string, string | boolean | undefined>, [sub, file]: string[]): Promise<void> {
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  if (sub === 'list') {
    for (const l of await findBlockLists(db)) out(`${l.name}\t${l.reason}\t${l.entries} entries\t${l.hits} pairs\t${l.source ?? ''}`);
    return;
  }
  if (sub !== 'import') throw new AppError('bad_request', `unknown blocklist command "${sub ?? ''}"; import or list`);
  if (!file || !v.name) throw new AppError('bad_request', 'blocklist import <file> --name <name>');
  const r = await importBlockList(db, cliActor(), { name: String(v.name), file, reason: v.reason ? FlagReason.parse(v.reason) : undefined, keepGoing: Boolean(v['keep-going']) });
  for (const s of r.skipped) process.stderr.write(`${file}: line ${s.line}: ${s.message} (skipped)\n`);
  out(`${r.name}: ${r.entries} entries (${r.added} added, ${r.removed} removed), ${r.flagged} pairs flagged`);
}
