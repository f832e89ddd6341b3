// Recent events of one action about one subject, in all and from one address: rules that act on evidence (the sign-in
// throttle) read the trail here.
import type { Queryable } from '../db/client';
import { summariseRecentEvents as select, type RecentEvents } from './sql';

export type { RecentEvents };

export function summariseRecentEvents(q: Queryable, action: string, subject: string, sinceSeconds: number, ip: string | null): Promise<RecentEvents> {
  return select(q, action, subject, sinceSeconds, ip);
}
