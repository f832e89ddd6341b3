// Counts recent events of one action about one subject; rules that act on evidence (sign-in lockout) read it here.
import type { Queryable } from '../db/client';
import { countRecentEvents } from './sql';

export function countRecentEventsOf(q: Queryable, action: string, subject: string, sinceSeconds: number): Promise<number> {
  return countRecentEvents(q, action, subject, sinceSeconds);
}
