// Appends many events at once, inside the transaction of the changes they record (a batch of bulk flags).
import type { Queryable } from '../db/client';
import { insertEvents, type NewAuditEvent } from './sql';

export function recordEvents(tx: Queryable, events: NewAuditEvent[]): Promise<number> {
  return insertEvents(tx, events);
}
