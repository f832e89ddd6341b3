// The flags concept's SQL: raise flags in batches (idempotent), decide them conditionally, and read the review queue.
import type { Queryable } from '../db/client';
import { SqlParams } from '../db/sql-params';
import { REVIEW_JOIN, reviewColumns, toPairSummary, type PairRow } from '../pairs/sql';
import type { FlagReason } from './reasons';
import type { FlagSummary, ReviewItem } from './schemas';

interface FlagRow {
  id: number; pair_id: number; reason: FlagReason; note: string | null; state: FlagSummary['state']; origin: FlagSummary['origin'];
  created_by: string | null; created_by_email: string | null; created_at: Date; decided_by: string | null;
  decided_by_email: string | null; decided_at: Date | null; job_id: number | null;
}

const FLAG_SELECT = `SELECT f.id, f.pair_id, f.reason, f.note, f.state, f.origin, f.created_by, cu.email AS created_by_email, f.created_at,
         f.decided_by, du.email AS decided_by_email, f.decided_at, f.job_id
    FROM flags f LEFT JOIN users cu ON cu.id = f.created_by LEFT JOIN users du ON du.id = f.decided_by`;

export const toFlag = (r: FlagRow): FlagSummary => ({
  id: r.id, pairId: r.pair_id, reason: r.reason, note: r.note, state: r.state, origin: r.origin, createdBy: r.created_by,
  createdByEmail: r.created_by_email, createdAt: r.created_at.toISOString(), decidedBy: r.decided_by, decidedByEmail: r.decided_by_email,
  decidedAt: r.decided_at?.toISOString() ?? null, jobId: r.job_id,
});

/** What raised a flag besides its author: a bulk job, a takedown request, a block list; and who (a person or Sieve). */
export interface FlagSource {
  jobId?: number | null;
  takedownId?: number | null;
  blockListId?: number | null;
  origin?: 'human' | 'machine';
  /**
   * A flag raised by a decision already taken starts confirmed, decided by its author: a takedown applied by someone
   * who may confirm such flags (lib/flags/may-confirm-directly.ts), or a hotline's block list imported by an admin.
   */
  confirmed?: boolean;
  /** Whose decision a confirmed flag carries besides its author's (a hotline, e.g. IWF), for the audit trail. */
  authority?: string | null;
}

/**
 * Raises a flag on each pair that has no flag of this reason and origin yet (the unique key makes a re-run add
 * nothing). Returns the pairs newly flagged, with their dataset for the audit events.
 */
export async function insertFlags(
  q: Queryable,
  f: FlagSource & { pairIds: number[]; reason: FlagReason; note: string | null; createdBy: string | null },
): Promise<{ id: number; pair_id: number; dataset_id: number }[]> {
  return q.query(
    `WITH ins AS (
       INSERT INTO flags (pair_id, reason, note, origin, created_by, job_id, takedown_id, block_list_id, state, decided_by, decided_at)
       SELECT p.id, $2, $3, $4, $5, $6, $7, $8,
              CASE WHEN $9::boolean THEN 'confirmed' ELSE 'open' END, CASE WHEN $9::boolean THEN $5 END, CASE WHEN $9::boolean THEN now() END
         FROM shown_pairs p WHERE p.id = ANY($1::bigint[])
       ON CONFLICT (pair_id, reason, origin) DO NOTHING RETURNING id, pair_id)
     SELECT ins.id, ins.pair_id, p.dataset_id FROM ins JOIN pairs p ON p.id = ins.pair_id ORDER BY ins.pair_id`,
    [f.pairIds, f.reason, f.note, f.origin ?? 'human', f.createdBy, f.jobId ?? null, f.takedownId ?? null, f.blockListId ?? null, f.confirmed ?? false],
  );
}

/**
 * Machine suggestions: open flags with origin 'machine', each with its own note (the rule and the value that raised
 * it). The rows come from an unnest, not a join with pairs: the caller has just read these pairs of `datasetId`,
 * and a sharded pairs table keeps the insert a plain routed write. The unique (pair, reason, origin) key makes a
 * re-run add nothing; a suggestion a reviewer rejected stays rejected.
 */
export async function insertSuggestions(q: Queryable, f: { reason: FlagReason; items: { pairId: number; note: string }[]; jobId?: number | null }): Promise<{ id: number; pair_id: number }[]> {
  if (f.items.length === 0) return [];
  return q.query(
    `INSERT INTO flags (pair_id, reason, note, origin, job_id, state)
     SELECT s.pair_id, $3, s.note, 'machine', $4, 'open' FROM unnest($1::bigint[], $2::text[]) AS s(pair_id, note)
     ON CONFLICT (pair_id, reason, origin) DO NOTHING RETURNING id, pair_id`,
    [f.items.map((i) => i.pairId), f.items.map((i) => i.note), f.reason, f.jobId ?? null],
  );
}

export async function selectFlag(q: Queryable, id: number): Promise<FlagSummary | null> {
  const [row] = await q.query<FlagRow>(`${FLAG_SELECT} WHERE f.id = $1`, [id]);
  return row ? toFlag(row) : null;
}

export async function selectFlagsOfPairs(q: Queryable, pairIds: number[]): Promise<FlagSummary[]> {
  return (await q.query<FlagRow>(`${FLAG_SELECT} WHERE f.pair_id = ANY($1::bigint[]) ORDER BY f.id`, [pairIds])).map(toFlag);
}

/** Only an open flag can be decided: of two reviewers deciding at once, exactly one update matches. */
export async function updateDecision(q: Queryable, id: number, state: 'confirmed' | 'rejected', by: string): Promise<boolean> {
  return (await q.query(`UPDATE flags SET state = $2, decided_by = $3, decided_at = now() WHERE id = $1 AND state = 'open' RETURNING 1`, [id, state, by])).length === 1;
}

/** Undo: only the reviewer who decided may reopen, and only while the decision stands. */
export async function reopenDecision(q: Queryable, id: number, by: string): Promise<boolean> {
  return (
    await q.query(`UPDATE flags SET state = 'open', decided_by = NULL, decided_at = NULL WHERE id = $1 AND state <> 'open' AND decided_by = $2 RETURNING 1`, [id, by])
  ).length === 1;
}

/** Withdraw: the author removes their own flag while it is still open (the trail keeps the record). */
export async function deleteOwnOpenFlag(q: Queryable, id: number, by: string): Promise<boolean> {
  return (await q.query(`DELETE FROM flags WHERE id = $1 AND state = 'open' AND created_by = $2 RETURNING 1`, [id, by])).length === 1;
}

export interface QueueFilter {
  reason?: FlagReason;
  datasetId?: number;
  origin?: 'human' | 'machine';
  olderThanHours?: number;
  /** Leave out flags this user raised for these reasons (four eyes). */
  notOwnBy?: { user: string; reasons: FlagReason[] };
}

function queueWhere(f: QueueFilter, p: SqlParams): string[] {
  const where = [`f.state = 'open'`];
  if (f.reason) where.push(`f.reason = ${p.add(f.reason)}`);
  if (f.datasetId !== undefined) where.push(`p.dataset_id = ${p.add(f.datasetId)}`);
  if (f.origin) where.push(`f.origin = ${p.add(f.origin)}`);
  if (f.olderThanHours !== undefined) where.push(`f.created_at <= now() - make_interval(hours => ${p.add(f.olderThanHours)})`);
  if (f.notOwnBy?.reasons.length) where.push(`NOT (f.created_by IS NOT DISTINCT FROM ${p.add(f.notOwnBy.user)} AND f.reason = ANY(${p.add(f.notOwnBy.reasons)}::text[]))`);
  return where;
}

/** Open flags oldest first (ids grow with time), after `after`, each with its pair as a reviewer may see it. */
export async function selectQueue(q: Queryable, f: QueueFilter & { after?: number; limit: number }): Promise<Omit<ReviewItem, 'flags' | 'hiding'>[]> {
  const p = new SqlParams();
  const where = queueWhere(f, p);
  if (f.after !== undefined) where.push(`f.id > ${p.add(f.after)}`);
  const rows = await q.query<PairRow & { flag_id: number; dataset_name: string }>(
    `SELECT f.id AS flag_id, d.name AS dataset_name, ${reviewColumns}
       FROM flags f JOIN pairs p ON p.id = f.pair_id JOIN datasets d ON d.id = p.dataset_id ${REVIEW_JOIN}
      WHERE ${where.join(' AND ')} ORDER BY f.id LIMIT ${p.add(f.limit)}`,
    p.values,
  );
  const flags = new Map((await q.query<FlagRow>(`${FLAG_SELECT} WHERE f.id = ANY($1::bigint[])`, [rows.map((r) => r.flag_id)])).map((r) => [r.id, toFlag(r)]));
  return rows.map((r) => ({ flag: flags.get(r.flag_id)!, pair: { ...toPairSummary(r), datasetName: r.dataset_name } }));
}

export async function countQueue(q: Queryable, f: QueueFilter): Promise<Partial<Record<FlagReason, number>>> {
  const p = new SqlParams();
  const rows = await q.query<{ reason: FlagReason; n: number }>(
    `SELECT f.reason, count(*)::int AS n FROM flags f JOIN pairs p ON p.id = f.pair_id WHERE ${queueWhere({ ...f, reason: undefined }, p).join(' AND ')} GROUP BY f.reason`,
    p.values,
  );
  return Object.fromEntries(rows.map((r) => [r.reason, r.n]));
}

export async function countOwnOpen(q: Queryable, user: string, reasons: FlagReason[]): Promise<number> {
  if (reasons.length === 0) return 0;
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM flags WHERE state = 'open' AND created_by = $1 AND reason = ANY($2::text[])`, [user, reasons]);
  return row.n;
}

/** Local image files of pairs under an open or confirmed flag of this reason, not yet purged. */
export async function selectFlaggedImagePaths(q: Queryable, reason: FlagReason): Promise<{ id: number; image_path: string; dataset_id: number }[]> {
  return q.query(
    `SELECT DISTINCT p.id, p.image_path, p.dataset_id FROM flags f JOIN pairs p ON p.id = f.pair_id
      WHERE f.reason = $1 AND f.state IN ('open', 'confirmed') AND p.image_path IS NOT NULL ORDER BY p.id`,
    [reason],
  );
}

/** Each pair's flags in one line ("hate:confirmed;watermark:open"), for removal lists. */
export async function selectFlagLines(q: Queryable, pairIds: number[]): Promise<Map<number, string>> {
  const rows = await q.query<{ pair_id: number; flags: string }>(
    `SELECT pair_id, string_agg(reason || ':' || state, ';' ORDER BY reason, state) AS flags FROM flags WHERE pair_id = ANY($1::bigint[]) GROUP BY pair_id`,
    [pairIds],
  );
  return new Map(rows.map((r) => [r.pair_id, r.flags]));
}

/**
 * A dataset's flags counted by reason and state, and the pairs with at least one open or confirmed flag (the dataset
 * overview), of the pairs the hiding rule shows. Both join flags to pairs on the pair id, which keeps each join on its shard under Citus.
 */
export async function countDatasetFlags(q: Queryable, datasetId: number): Promise<{ byReason: { reason: FlagReason; state: FlagSummary['state']; n: number }[]; flaggedPairs: number }> {
  const byReason = await q.query<{ reason: FlagReason; state: FlagSummary['state']; n: number }>(
    `SELECT f.reason, f.state, count(*)::int AS n FROM flags f JOIN shown_pairs p ON p.id = f.pair_id WHERE p.dataset_id = $1
      GROUP BY f.reason, f.state ORDER BY f.reason, f.state`,
    [datasetId],
  );
  const [flagged] = await q.query<{ n: number }>(
    `SELECT count(DISTINCT f.pair_id)::int AS n FROM flags f JOIN shown_pairs p ON p.id = f.pair_id
      WHERE p.dataset_id = $1 AND f.state IN ('open', 'confirmed')`,
    [datasetId],
  );
  return { byReason, flaggedPairs: flagged.n };
}
