// The admin's evidence file for a hotline report: for the hidden pairs (all, or one source's), the source, every URL
// twin and look-alike with URL, caption, dataset, source file and row, hash, sample id, flags with who raised and
// decided them, and the cosine. The one place a hidden URL is ever written out; each one is an audit event that
// names the pairs, never their URLs.
import { AppError } from '../errors/app-error';
import type { Queryable } from '../db/client';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import { selectHiddenEvidence } from '../pairs/evidence-sql';
import { findFlagsOfPairs } from '../flags/find-flags-of-pairs';
import { HiddenEvidenceQuery, type HiddenEvidenceQueryInput } from './schemas';
import { evidenceCsv, toEvidence } from './format-hidden-evidence';

/** Pair ids the event lists at most: the counts say the rest. */
const LISTED_IDS = 1_000;

export async function getHiddenEvidence(q: Queryable, actor: Actor, raw: HiddenEvidenceQueryInput): Promise<{ body: string; type: string; filename: string; pairs: number }> {
  // The route allows admins only; the function says so too, for any other caller.
  if (actor.role !== 'admin') throw new AppError('forbidden', 'only an admin may write out the evidence of hidden pairs');
  const query = HiddenEvidenceQuery.parse(raw);
  const rows = await selectHiddenEvidence(q, query.source ?? null);
  if (query.source !== undefined && rows.length === 0) throw new AppError('not_found', `pair ${query.source} hides nothing: it has no open or confirmed csam_suspected flag`);
  const pairIds = [...new Set(rows.map((r) => r.pair_id))];
  const evidence = toEvidence(rows, await findFlagsOfPairs(q, pairIds), actor.email ?? actor.id);
  await recordEvent(q, {
    actor: actor.id, ip: actor.ip, action: 'hidden.evidence', subject: query.source ? `pair:${query.source}` : 'hidden',
    details: { format: query.format, sources: evidence.sources.length, pairs: pairIds.length, pairIds: pairIds.slice(0, LISTED_IDS) },
  });
  const date = evidence.writtenAt.slice(0, 10);
  const filename = `sieve-hidden-evidence-${query.source ? `pair-${query.source}-` : ''}${date}.${query.format}`;
  return query.format === 'csv'
    ? { body: evidenceCsv(evidence), type: 'text/csv; charset=utf-8', filename, pairs: pairIds.length }
    : { body: `${JSON.stringify(evidence, null, 2)}\n`, type: 'application/json', filename, pairs: pairIds.length };
}
