// Imports (or re-imports) a named block list from a file: its entries become exactly the file's, the difference is
// audited, and every pair already in Sieve that it names is flagged.
import path from 'node:path';
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import type { FlagReason } from '../flags/reasons';
import { replaceEntries, upsertBlockList } from './block-list-sql';
import { flagBlockedPairs } from './flag-blocked-pairs';
import { parseBlockList } from './parse-block-list';

export interface ImportSummary { listId: number; name: string; entries: number; added: number; removed: number; skipped: { line: number; message: string }[]; flagged: number }

export async function importBlockList(db: Db, actor: Pick<Actor, 'id' | 'ip'>, o: { name: string; file: string; reason?: FlagReason; keepGoing?: boolean }): Promise<ImportSummary> {
  if (!/^[\w.-]{1,100}$/.test(o.name)) throw new AppError('bad_request', 'a block list name uses letters, digits, dot, dash or underscore');
  const parsed = await parseBlockList(o.file);
  if (parsed.errors.length > 0 && !o.keepGoing) {
    const first = parsed.errors.slice(0, 5).map((e) => `line ${e.line}: ${e.message}`).join('; ');
    throw new AppError('bad_request', `${o.file}: ${parsed.errors.length} bad line(s): ${first}${parsed.errors.length > 5 ? '; …' : ''} (--keep-going skips them)`, { file: o.file, errors: parsed.errors.slice(0, 100) });
  }
  if (parsed.entries.length === 0) throw new AppError('bad_request', `${o.file}: no URL, domain or hash in it`, { file: o.file });
  return db.tx(async (tx) => {
    const list = await upsertBlockList(tx, { name: o.name, reason: o.reason ?? 'copyright_optout', source: path.basename(o.file), createdBy: actor.id });
    const diff = await replaceEntries(tx, list.id, parsed.entries);
    await recordEvent(tx, {
      actor: actor.id, action: list.created ? 'blocklist.create' : 'blocklist.update', subject: `blocklist:${list.id}`, ip: actor.ip,
      details: { name: o.name, file: path.basename(o.file), entries: parsed.entries.length, ...diff, skipped: parsed.errors.length },
    });
    const flagged = await flagBlockedPairs(tx, { listId: list.id });
    return { listId: list.id, name: o.name, entries: parsed.entries.length, ...diff, skipped: parsed.errors, flagged };
  });
}
