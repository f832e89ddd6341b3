// One batch of flags and their audit events, in one transaction: there is never a flag without its event.
import type { Db, Queryable } from '../db/client';
import { recordEvents } from '../audit/record-events';
import type { Actor } from '../auth/schemas';
import type { FlagReason } from './reasons';
import { insertFlags, insertSuggestions, type FlagSource } from './sql';
import { refreshHiding } from '../pairs/refresh-hiding';

export async function writeFlags(
  db: Db,
  actor: Pick<Actor, 'id' | 'ip'>,
  f: FlagSource & { pairIds: number[]; reason: FlagReason; note: string | null },
): Promise<number> {
  return db.tx((tx) => writeFlagsIn(tx, actor, f));
}

/** The same inside a transaction the caller holds (an ingest shard flags what its block lists name). */
export async function writeFlagsIn(tx: Queryable, actor: Pick<Actor, 'id' | 'ip'>, f: FlagSource & { pairIds: number[]; reason: FlagReason; note: string | null }): Promise<number> {
  const made = await insertFlags(tx, { ...f, createdBy: actor.id });
  if (f.reason === 'csam_suspected' && made.length) await refreshHiding(tx, made.map((m) => m.pair_id));
  const sources = { ...(f.jobId ? { jobId: f.jobId } : {}), ...(f.takedownId ? { takedownId: f.takedownId } : {}), ...(f.blockListId ? { blockListId: f.blockListId } : {}) };
  await recordEvents(
    tx,
    made.map((m) => ({
      actor: actor.id, action: 'flag.create', subject: `pair:${m.pair_id}`, datasetId: m.dataset_id, ip: actor.ip,
      details: { flagId: m.id, reason: f.reason, ...(f.note ? { note: f.note } : {}), ...sources, ...(f.confirmed ? { confirmed: true, ...(f.authority ? { authority: f.authority } : {}) } : {}) },
    })),
  );
  return made.length;
}

/**
 * Sieve's own suggestions for the review queue (signals over a threshold, private data in captions, concept rules):
 * open machine flags, never confirmed, each with the event that says which rule raised it. Returns how many are new.
 */
export async function writeSuggestionsIn(
  tx: Queryable,
  f: { datasetId: number; reason: FlagReason; rule: string; items: { pairId: number; note: string }[]; jobId?: number | null },
): Promise<number> {
  const made = await insertSuggestions(tx, f);
  if (f.reason === 'csam_suspected' && made.length) await refreshHiding(tx, made.map((m) => m.pair_id));
  await recordEvents(
    tx,
    made.map((m) => ({
      actor: null, action: 'flag.suggest', subject: `pair:${m.pair_id}`, datasetId: f.datasetId,
      details: { flagId: m.id, reason: f.reason, rule: f.rule, ...(f.jobId ? { jobId: f.jobId } : {}) },
    })),
  );
  return made.length;
}
