// A page of the audit trail, newest first, with the filters of /audit; hidden pairs' URLs, hashes and keys masked.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { maskEvents } from './mask-events';
import { AuditQuery, type AuditPage, type AuditQueryInput } from './schemas';
import { selectActorIds, selectDatasetId, selectEvents, type EventFilter } from './sql';

/** Turns the user-facing filters into SQL filters (an email becomes the user's id, a dataset name its id). */
export async function toEventFilter(raw: AuditQueryInput, q: Queryable): Promise<EventFilter> {
  const f = AuditQuery.parse(raw);
  const family = f.action?.match(/^(.*?\.)\*?$/)?.[1];
  return {
    actors: f.actor ? await selectActorIds(q, f.actor) : undefined,
    ...(family ? { actionPrefix: family } : { action: f.action }),
    subject: f.subject,
    datasetId: f.dataset ? await selectDatasetId(q, f.dataset) : undefined,
    from: f.from,
    to: f.to,
    before: f.before,
    limit: f.limit,
  };
}

export async function findEvents(raw: AuditQueryInput, q: Queryable = getDb()): Promise<AuditPage> {
  const filter = await toEventFilter(raw, q);
  // One more than asked tells whether an older page exists.
  const rows = await selectEvents(q, { ...filter, limit: filter.limit + 1 });
  const events = await maskEvents(q, rows.slice(0, filter.limit));
  return { events, nextBefore: rows.length > filter.limit ? events[events.length - 1].id : null };
}
