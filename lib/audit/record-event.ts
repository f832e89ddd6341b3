// Appends one event to the trail. Call it with the transaction of the change it records, so both land or neither.
// A URL the hiding rule's sources hide is never written in clear: it is stored masked (lib/masking/mask-hidden).
import type { Queryable } from '../db/client';
import { maskHidden } from '../masking/mask-hidden';
import { insertEvent, type NewAuditEvent } from './sql';

export type { NewAuditEvent };

export async function recordEvent(tx: Queryable, event: NewAuditEvent): Promise<number> {
  const [masked] = await maskHidden(tx, [event], 'urls');
  return insertEvent(tx, masked);
}
