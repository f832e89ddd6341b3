// `sieve blocklist`: import (or update) a standing block list from a file, list them, delete one.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { cliActor } from '../auth/cli-actor';
import { FlagReason } from '../flags/schemas';
import { deleteBlockList } from '../takedowns/delete-block-list';
import { findBlockLists } from '../takedowns/find-block-lists';
import { importBlockList } from '../takedowns/import-block-list';

export const BLOCKLIST_USAGE = `  blocklist import <file> --name <name> [--reason <flag reason>] [--authority <hotline>] [--keep-going]
      a text file (one URL, domain or hash per line), or CSV / Parquet with a url, domain or hash column; flags every
      pair it names now and at every later ingest. Re-importing a name replaces its entries (the difference is
      audited); its reason and authority never change. A list with --authority (e.g. IWF), or a csam_suspected one,
      confirms its flags as that authority's decision; other lists' flags wait open for a reviewer
  blocklist list                  the block lists with their size and how many pairs they hit
  blocklist delete --name <name>  delete a list and its entries (the flags it raised stay)`;

export const BLOCKLIST_OPTIONS = { name: { type: 'string' }, reason: { type: 'string' }, authority: { type: 'string' }, 'keep-going': { type: 'boolean' } } as const;

export async function runBlocklistCommand(db: Db, v: Record<string, string | boolean | undefined>, [sub, file]: string[]): Promise<void> {
  const out = (line: string): void => void process.stdout.write(`${line}\n`);
  if (sub === 'list') {
    for (const l of await findBlockLists(db)) out(`${l.name}\t${l.reason}\t${l.authority ?? ''}\t${l.entries} entries\t${l.hits} pairs\t${l.source ?? ''}`);
    return;
  }
  if (sub === 'delete') {
    if (!v.name) throw new AppError('bad_request', 'blocklist delete --name <name>');
    const d = await deleteBlockList(db, cliActor(), { name: String(v.name) });
    out(`${d.name}: deleted with its ${d.entries} entries (the flags it raised stay)`);
    return;
  }
  if (sub !== 'import') throw new AppError('bad_request', `unknown blocklist command "${sub ?? ''}"; import, list or delete`);
  if (!file || !v.name) throw new AppError('bad_request', 'blocklist import <file> --name <name>');
  const r = await importBlockList(db, cliActor(), {
    name: String(v.name), file, reason: v.reason ? FlagReason.parse(v.reason) : undefined, authority: typeof v.authority === 'string' ? v.authority : undefined, keepGoing: Boolean(v['keep-going']),
  });
  for (const s of r.skipped) process.stderr.write(`${file}: line ${s.line}: ${s.message} (skipped)\n`);
  out(`${r.name}: ${r.entries} entries (${r.added} added, ${r.removed} removed), ${r.flagged} pairs flagged`);
}
