// The audit trail's SQL: append an event inside the caller's transaction, and read pages newest first.
import type { Queryable } from '../db/client';
import { SqlParams } from '../db/sql-params';
import { AppError } from '../errors/app-error';
import type { AuditEvent } from './schemas';

export interface NewAuditEvent {
  actor: string | null;
  action: string;
  subject: string;
  details?: unknown;
  ip?: string | null;
  datasetId?: number | null;
}

export async function insertEvent(q: Queryable, e: NewAuditEvent): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    'INSERT INTO audit_events (actor, action, subject, details, ip, dataset_id) VALUES ($1, $2, $3, $4::jsonb, $5, $6) RETURNING id',
    [e.actor, e.action, e.subject, e.details === undefined ? null : JSON.stringify(e.details), e.ip ?? null, e.datasetId ?? null],
  );
  return row.id;
}

export interface EventFilter {
  actors?: string[];
  action?: string;
  actionPrefix?: string;
  subject?: string;
  datasetId?: number;
  from?: string;
  to?: string;
  before?: number;
  limit: number;
}

interface EventRow {
  id: number; at: Date; actor: string | null; actor_email: string | null; action: string; subject: string;
  details: unknown; ip: string | null; dataset_id: number | null;
}

/** Newest first by id (ids grow with time), keyset-paged with `before`: a deep page costs what the first does. */
export async function selectEvents(q: Queryable, f: EventFilter): Promise<AuditEvent[]> {
  const p = new SqlParams();
  const where: string[] = [];
  if (f.actors) where.push(`e.actor = ANY(${p.add(f.actors)}::text[])`);
  if (f.action) where.push(`e.action = ${p.add(f.action)}`);
  if (f.actionPrefix) where.push(`starts_with(e.action, ${p.add(f.actionPrefix)})`);
  if (f.subject) where.push(`e.subject = ${p.add(f.subject)}`);
  if (f.datasetId !== undefined) where.push(`e.dataset_id = ${p.add(f.datasetId)}`);
  if (f.from) where.push(`e.at >= ${p.add(f.from)}::timestamptz`);
  if (f.to) where.push(`e.at <= ${p.add(f.to)}::timestamptz`);
  if (f.before !== undefined) where.push(`e.id < ${p.add(f.before)}`);
  const rows = await q.query<EventRow>(
    `SELECT e.id, e.at, e.actor, u.email AS actor_email, e.action, e.subject, e.details, e.ip, e.dataset_id
       FROM audit_events e LEFT JOIN users u ON u.id = e.actor
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY e.id DESC LIMIT ${p.add(f.limit)}`,
    p.values,
  );
  return rows.map((r) => ({
    id: r.id, at: r.at.toISOString(), actor: r.actor, actorEmail: r.actor_email, action: r.action, subject: r.subject,
    details: r.details, ip: r.ip, datasetId: r.dataset_id,
  }));
}

/** Ids of the users an actor filter may mean: an email, or an id as given. */
export async function selectActorIds(q: Queryable, actor: string): Promise<string[]> {
  const rows = await q.query<{ id: string }>('SELECT id FROM users WHERE lower(email) = lower($1)', [actor]);
  return [actor, ...rows.map((r) => r.id)];
}

/** The id of the named dataset (a read of lib/datasets' table, as the audit filter names datasets). */
export async function selectDatasetId(q: Queryable, name: string): Promise<number> {
  const [row] = await q.query<{ id: number }>('SELECT id FROM datasets WHERE name = $1', [name]);
  if (!row) throw new AppError('not_found', `dataset "${name}" does not exist`);
  return Number(row.id);
}

/** Recent events of one action about one subject: how many and how long ago the last, in all and from one address. */
export interface RecentEvents { n: number; sinceLast: number | null; fromIp: number; sinceLastFromIp: number | null }

/** Seconds by the database's clock, so every server process agrees (the sign-in throttle reads failures here). */
export async function summariseRecentEvents(q: Queryable, action: string, subject: string, sinceSeconds: number, ip: string | null): Promise<RecentEvents> {
  const [row] = await q.query<{ n: number; since_last: number | null; from_ip: number; since_last_from_ip: number | null }>(
    `SELECT count(*)::int AS n, extract(epoch FROM now() - max(at))::float8 AS since_last,
            (count(*) FILTER (WHERE ip = $4))::int AS from_ip, extract(epoch FROM now() - max(at) FILTER (WHERE ip = $4))::float8 AS since_last_from_ip
       FROM audit_events WHERE subject = $1 AND action = $2 AND at > now() - make_interval(secs => $3)`,
    [subject, action, sinceSeconds, ip],
  );
  return { n: row.n, sinceLast: row.since_last, fromIp: row.from_ip, sinceLastFromIp: row.since_last_from_ip };
}

/** Many events in one statement (a bulk flag batch writes one event per pair it flagged). */
export async function insertEvents(q: Queryable, events: NewAuditEvent[]): Promise<number> {
  if (events.length === 0) return 0;
  const col = <T>(f: (e: NewAuditEvent) => T) => events.map(f);
  const rows = await q.query(
    `INSERT INTO audit_events (actor, action, subject, details, ip, dataset_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::jsonb[], $5::text[], $6::int[]) RETURNING 1`,
    [
      col((e) => e.actor), col((e) => e.action), col((e) => e.subject),
      col((e) => (e.details === undefined ? null : JSON.stringify(e.details))), col((e) => e.ip ?? null), col((e) => e.datasetId ?? null),
    ],
  );
  return rows.length;
}
