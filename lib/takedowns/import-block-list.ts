// Imports (or re-imports) a named block list from a file: its entries become exactly the file's, the difference is
// audited, and every pair already in Sieve that it names is flagged. Who may replace a list, and that its reason and
// authority never change, is checked before the file is read and again under the list's lock.
import path from 'node:path';
import { AppError } from '../errors/app-error';
import type { Db, Queryable } from '../db/client';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import type { FlagReason } from '../flags/reasons';
import { insertBlockList, lockBlockList, replaceEntries, selectHiddenAmong, updateBlockList, type BlockListHead } from './block-list-sql';
import { checkBlockListPower } from './check-block-list-power';
import { flagBlockedPairs } from './flag-blocked-pairs';
import { parseBlockList, type BlockEntry } from './parse-block-list';
import { Authority, BlockListName } from './schemas';
import { urlDigest } from './url-digest';

export interface ImportSummary {
  listId: number; name: string; reason: FlagReason; authority: string | null; entries: number; added: number; removed: number;
  skipped: { line: number; message: string }[]; flagged: number;
}

export interface ImportBlockListOptions {
  name: string;
  file: string;
  reason?: FlagReason;
  authority?: string;
  keepGoing?: boolean;
  /** What to record as the list's source (an upload's own name); the file's name by default. */
  source?: string;
}

export async function importBlockList(db: Db, actor: Pick<Actor, 'id' | 'ip' | 'role'>, o: ImportBlockListOptions): Promise<ImportSummary> {
  const name = BlockListName.safeParse(o.name);
  if (!name.success) throw new AppError('bad_request', `name: ${name.error.issues[0].message}`);
  const authority = o.authority === undefined ? undefined : Authority.safeParse(o.authority);
  if (authority && !authority.success) throw new AppError('bad_request', `authority: ${authority.error.issues[0].message}`);
  const action = { kind: 'import' as const, name: o.name, reason: o.reason, authority: authority?.data };
  // Before the file is read: a refused import costs no parse.
  checkBlockListPower(actor, await lockBlockList(db, { name: o.name }), action);
  const source = o.source ?? path.basename(o.file);
  const label = o.source ?? o.file;
  const parsed = await parseBlockList(o.file, label);
  if (parsed.errors.length > 0 && !o.keepGoing) {
    const first = parsed.errors.slice(0, 5).map((e) => `line ${e.line}: ${e.message}`).join('; ');
    throw new AppError('bad_request', `${label}: ${parsed.errors.length} bad line(s): ${first}${parsed.errors.length > 5 ? '; …' : ''} (--keep-going skips them)`, { file: label, errors: parsed.errors.slice(0, 100) });
  }
  if (parsed.entries.length === 0) throw new AppError('bad_request', `${label}: no URL, domain or hash in it`, { file: label });
  return db.tx(async (tx) => {
    const { list, created } = await claimList(tx, actor, action, source);
    const entries = await digestUrls(tx, list, parsed.entries);
    const diff = await replaceEntries(tx, list.id, entries);
    await recordEvent(tx, {
      actor: actor.id, action: created ? 'blocklist.create' : 'blocklist.update', subject: `blocklist:${list.id}`, ip: actor.ip,
      details: { name: list.name, reason: list.reason, authority: list.authority, file: source, entries: entries.length, ...diff, skipped: parsed.errors.length },
    });
    const flagged = await flagBlockedPairs(tx, { listId: list.id });
    return { listId: list.id, name: list.name, reason: list.reason, authority: list.authority, entries: entries.length, ...diff, skipped: parsed.errors, flagged };
  });
}

/** The list to write, locked: made now, or the existing one once the rules allow this actor to replace it. */
async function claimList(
  tx: Queryable, actor: Pick<Actor, 'id' | 'role'>, action: { kind: 'import'; name: string; reason?: FlagReason; authority?: string }, source: string,
): Promise<{ list: BlockListHead; created: boolean }> {
  const existing = await lockBlockList(tx, { name: action.name });
  if (!existing) {
    checkBlockListPower(actor, null, action);
    const made = await insertBlockList(tx, { name: action.name, reason: action.reason ?? 'copyright_optout', source, authority: action.authority ?? null, by: actor.id });
    if (made) return { list: made, created: true };
  }
  // Someone else's import made it meanwhile: the same rules as for any existing list, under its lock.
  const list = existing ?? (await lockBlockList(tx, { name: action.name }))!;
  checkBlockListPower(actor, list, action);
  await updateBlockList(tx, list.id, { source, by: actor.id });
  return { list: { ...list, updated_by: actor.id }, created: false };
}

/**
 * URL entries kept only as their digest: every one of a csam_suspected list, and any URL the hiding rule hides now
 * (lib/pairs later rewrites those it comes to hide, maskHiddenUrls). Matching uses the digest.
 */
async function digestUrls(tx: Queryable, list: BlockListHead, entries: BlockEntry[]): Promise<BlockEntry[]> {
  const urls = entries.filter((e) => e.kind === 'url').map((e) => e.value);
  const hidden = list.reason === 'csam_suspected' ? null : await selectHiddenAmong(tx, urls);
  return entries.map((e) => (e.kind === 'url' && (hidden === null || hidden.has(e.value)) ? { ...e, value: urlDigest(e.value) } : e));
}
