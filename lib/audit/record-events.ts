// Appends many events at once, inside the transaction of the changes they record (a batch of bulk flags); a hidden
// URL among their details is stored masked, as by recordEvent.
import type { Queryable } from '../db/client';
import { maskHidden } from '../masking/mask-hidden';
import { insertEvents, type NewAuditEvent } from './sql';

export async function recordEvents(tx: Queryable, events: NewAuditEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  return insertEvents(tx, await maskHidden(tx, events, 'urls'));
}
