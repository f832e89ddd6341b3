// Appends one event to the trail. Call it with the transaction of the change it records, so both land or neither.
import type { Queryable } from '../db/client';
import { insertEvent, type NewAuditEvent } from './sql';

export type { NewAuditEvent };

export function recordEvent(tx: Queryable, event: NewAuditEvent): Promise<number> {
  return insertEvent(tx, event);
}
