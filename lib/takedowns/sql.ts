// The takedowns concept's SQL: requests, items, the pairs each item matches (by URL, prefix, domain, hash, key,
// caption words), and the matches kept for apply.
import type { Queryable } from '../db/client';
import { toPairSummary, visibleColumns, type PairRow } from '../pairs/sql';
import { isUrlDigest, showUrlDigest, sqlUrlDigest } from './url-digest';
import { REASON_OF_KIND, type ItemKind, type TakedownItem, type TakedownKind, type TakedownMatchSample, type TakedownState, type TakedownSummary } from './schemas';

interface TakedownRow {
  id: number; kind: TakedownKind; requester: string; contact: string | null; statement: string | null; received_on: Date; due_on: Date;
  state: TakedownState; reject_reason: string | null; token_hash: string | null; created_by: string | null; created_at: Date; closed_at: Date | null;
  overdue: boolean; items: number;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

const toTakedown = (r: TakedownRow, matches: number): TakedownSummary => ({
  id: r.id, kind: r.kind, reason: REASON_OF_KIND[r.kind], requester: r.requester, contact: r.contact, statement: r.statement,
  receivedOn: day(r.received_on), dueOn: day(r.due_on), overdue: r.overdue, state: r.state, rejectReason: r.reject_reason,
  public: r.token_hash !== null, createdBy: r.created_by, createdAt: r.created_at.toISOString(), closedAt: r.closed_at?.toISOString() ?? null,
  items: r.items, matches,
});

/**
 * The requests with their kept match counts, counted in a second, grouped query: takedown_matches is sharded with
 * pairs, and a sharded table cannot be counted in a subquery per row of a table copied to every node.
 */
async function withMatchCounts(q: Queryable, rows: TakedownRow[]): Promise<TakedownSummary[]> {
  if (rows.length === 0) return [];
  const counts = await q.query<{ takedown_id: number; n: number }>(
    'SELECT takedown_id, count(DISTINCT pair_id)::int AS n FROM takedown_matches WHERE takedown_id = ANY($1::bigint[]) AND NOT excluded GROUP BY takedown_id',
    [rows.map((r) => r.id)],
  );
  const matches = new Map(counts.map((c) => [c.takedown_id, c.n]));
  return rows.map((r) => toTakedown(r, matches.get(r.id) ?? 0));
}

const SELECT = `SELECT t.id, t.kind, t.requester, t.contact, t.statement, t.received_on, t.due_on, t.state, t.reject_reason, t.token_hash,
         t.created_by, t.created_at, t.closed_at,
         (t.due_on < current_date AND t.state NOT IN ('closed', 'rejected')) AS overdue,
         (SELECT count(*) FROM takedown_items i WHERE i.takedown_id = t.id)::int AS items
    FROM takedowns t`;

export async function insertTakedown(q: Queryable, t: { kind: TakedownKind; requester: string; contact?: string; statement?: string; receivedOn?: string; dueOn: string; tokenHash?: string; submittedIp?: string | null; createdBy: string | null }): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    `INSERT INTO takedowns (kind, requester, contact, statement, received_on, due_on, token_hash, submitted_ip, created_by)
     VALUES ($1, $2, $3, $4, coalesce($5::date, current_date), $6::date, $7, $8, $9) RETURNING id`,
    [t.kind, t.requester, t.contact ?? null, t.statement ?? null, t.receivedOn ?? null, t.dueOn, t.tokenHash ?? null, t.submittedIp ?? null, t.createdBy],
  );
  return row.id;
}

export async function insertItem(q: Queryable, takedownId: number, i: { kind: ItemKind; value: string | null; imagePath?: string; threshold?: number }): Promise<number> {
  const [row] = await q.query<{ id: number }>(
    'INSERT INTO takedown_items (takedown_id, kind, value, image_path, threshold) VALUES ($1, $2, $3, $4, $5) RETURNING id',
    [takedownId, i.kind, i.value, i.imagePath ?? null, i.threshold ?? null],
  );
  return row.id;
}

/**
 * The request's state, its row locked until the transaction ends. Only the takedowns table is read: on Citus a
 * transaction that has read the sharded matches in parallel may no longer write the takedowns row.
 */
export async function lockTakedownState(q: Queryable, id: number): Promise<TakedownState | null> {
  const [row] = await q.query<{ state: TakedownState }>('SELECT state FROM takedowns WHERE id = $1 FOR UPDATE', [id]);
  return row?.state ?? null;
}

export async function selectTakedown(q: Queryable, id: number): Promise<TakedownSummary | null> {
  const [row] = await withMatchCounts(q, await q.query<TakedownRow>(`${SELECT} WHERE t.id = $1`, [id]));
  return row ?? null;
}

/** Overdue first (past due and still open), then by due date, then newest. */
export async function selectTakedowns(q: Queryable, limit: number): Promise<TakedownSummary[]> {
  const rows = await q.query<TakedownRow>(
    `${SELECT} ORDER BY (t.due_on < current_date AND t.state NOT IN ('closed', 'rejected')) DESC,
                  (t.state IN ('closed', 'rejected')), t.due_on, t.id DESC LIMIT $1`,
    [limit],
  );
  return withMatchCounts(q, rows);
}

export async function countOverdue(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>("SELECT count(*)::int AS n FROM takedowns WHERE due_on < current_date AND state NOT IN ('closed', 'rejected')");
  return row.n;
}

export async function updateTakedownState(q: Queryable, id: number, state: TakedownState, rejectReason?: string): Promise<void> {
  // Two statement texts rather than CASE … now(): Citus refuses a non-immutable function inside CASE.
  const closing = state === 'closed' || state === 'rejected';
  await q.query(
    `UPDATE takedowns SET state = $2, reject_reason = coalesce($3, reject_reason), updated_at = now()${closing ? ', closed_at = now()' : ''} WHERE id = $1`,
    [id, state, rejectReason ?? null],
  );
}

export interface ItemRow { id: number; takedown_id: number; kind: ItemKind; value: string | null; image_path: string | null; threshold: number | null }

export async function selectItems(q: Queryable, takedownId: number): Promise<ItemRow[]> {
  return q.query<ItemRow>('SELECT id, takedown_id, kind, value, image_path, threshold FROM takedown_items WHERE takedown_id = $1 ORDER BY id', [takedownId]);
}

export async function updateItemThreshold(q: Queryable, itemId: number, threshold: number): Promise<void> {
  await q.query('UPDATE takedown_items SET threshold = $2 WHERE id = $1', [itemId, threshold]);
}

// LIKE treats % and _ (and its escape, the backslash) specially: a URL's own are escaped to match only themselves.
const likePrefix = (v: string) => `${v.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Pairs (in every dataset) an item other than an image names; at most `limit`. */
export async function selectItemMatches(q: Queryable, kind: Exclude<ItemKind, 'image'>, value: string, limit: number): Promise<number[]> {
  const where = {
    // A digest (url-digest.ts) matches through the hash of each pair's URL: a scan, where a URL uses its index.
    url: [isUrlDigest(value) ? `${sqlUrlDigest('url')} = $1` : 'url = $1', value],
    url_prefix: ['url LIKE $1', likePrefix(value)],
    // The domain and any subdomain; right() so that a domain's dots and dashes match only themselves.
    domain: [`(domain = $1 OR right(domain, length($1) + 1) = '.' || $1)`, value],
    hash: ['hash = $1', value],
    key: ['sample_id = $1', value],
    caption: [`caption_tsv @@ websearch_to_tsquery('simple', $1)`, value],
  }[kind];
  const rows = await q.query<{ id: number }>(`SELECT id FROM shown_pairs WHERE ${where[0]} ORDER BY id LIMIT $2`, [where[1], limit]);
  return rows.map((r) => r.id);
}

/** Replaces an item's matches, keeping a curator's "not a match" on the pairs that still match. */
export async function replaceItemMatches(q: Queryable, item: { id: number; takedown_id: number }, matches: { pairId: number; similarity: number | null }[]): Promise<void> {
  await q.query(
    `DELETE FROM takedown_matches WHERE item_id = $1 AND NOT (pair_id = ANY($2::bigint[]) AND excluded)`,
    [item.id, matches.map((m) => m.pairId)],
  );
  await q.query(
    `INSERT INTO takedown_matches (item_id, pair_id, takedown_id, similarity)
     SELECT $1, t.pair_id, $2, t.sim FROM unnest($3::bigint[], $4::real[]) AS t(pair_id, sim)
     ON CONFLICT (item_id, pair_id) DO UPDATE SET similarity = EXCLUDED.similarity`,
    [item.id, item.takedown_id, matches.map((m) => m.pairId), matches.map((m) => m.similarity)],
  );
}

export async function setExcluded(q: Queryable, takedownId: number, c: { itemId: number; pairId?: number; excluded: boolean }): Promise<number> {
  const rows = await q.query(
    `UPDATE takedown_matches SET excluded = $4 WHERE takedown_id = $1 AND item_id = $2 AND ($3::bigint IS NULL OR pair_id = $3) RETURNING 1`,
    [takedownId, c.itemId, c.pairId ?? null, c.excluded],
  );
  return rows.length;
}

export async function countItemMatches(q: Queryable, takedownId: number): Promise<Map<number, { matches: number; excluded: number }>> {
  const rows = await q.query<{ item_id: number; matches: number; excluded: number }>(
    `SELECT item_id, count(*) FILTER (WHERE NOT excluded)::int AS matches, count(*) FILTER (WHERE excluded)::int AS excluded
       FROM takedown_matches WHERE takedown_id = $1 GROUP BY item_id`,
    [takedownId],
  );
  return new Map(rows.map((r) => [r.item_id, r]));
}

/** A few matches of each item, through the hiding rule, most similar first. */
export async function selectSamples(q: Queryable, takedownId: number, perItem: number): Promise<TakedownMatchSample[]> {
  // match_similarity: the pair's own `similarity` (LAION's caption score) is one of the visible columns.
  const rows = await q.query<PairRow & { item_id: number; match_similarity: number | null; excluded: boolean }>(
    `SELECT m.item_id, m.similarity AS match_similarity, m.excluded, ${visibleColumns}
       FROM (SELECT m.*, row_number() OVER (PARTITION BY m.item_id ORDER BY m.similarity DESC NULLS LAST, m.pair_id) AS n
               FROM takedown_matches m WHERE m.takedown_id = $1) m
       JOIN shown_pairs p ON p.id = m.pair_id
      WHERE m.n <= $2 ORDER BY m.item_id, m.n`,
    [takedownId, perItem],
  );
  return rows.map((r) => ({ itemId: r.item_id, similarity: r.match_similarity, excluded: r.excluded, pair: toPairSummary(r) }));
}

/** The pairs apply flags: matched by some item and not dropped for every item that matched them, in id order. */
export async function selectKeptPairIds(q: Queryable, takedownId: number, afterId: number, limit: number): Promise<number[]> {
  const rows = await q.query<{ pair_id: number }>(
    `SELECT pair_id FROM takedown_matches WHERE takedown_id = $1 AND pair_id > $2 GROUP BY pair_id HAVING bool_or(NOT excluded) ORDER BY pair_id LIMIT $3`,
    [takedownId, afterId, limit],
  );
  return rows.map((r) => r.pair_id);
}

export async function countKept(q: Queryable, takedownId: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM (SELECT pair_id FROM takedown_matches WHERE takedown_id = $1 GROUP BY pair_id HAVING bool_or(NOT excluded)) k',
    [takedownId],
  );
  return row.n;
}

export function toItem(r: ItemRow, counts: { matches: number; excluded: number } | undefined): TakedownItem {
  return { id: r.id, kind: r.kind, value: r.value !== null && isUrlDigest(r.value) ? showUrlDigest(r.value) : r.value, threshold: r.threshold, hasImage: r.image_path !== null, matches: counts?.matches ?? 0, excluded: counts?.excluded ?? 0 };
}

export async function selectByTokenHash(q: Queryable, hash: string): Promise<{ id: number; state: TakedownState; created_at: Date; closed_at: Date | null } | null> {
  const [row] = await q.query<{ id: number; state: TakedownState; created_at: Date; closed_at: Date | null }>('SELECT id, state, created_at, closed_at FROM takedowns WHERE token_hash = $1', [hash]);
  return row ?? null;
}

/** Requests from one address within the last `seconds`, and the seconds until the oldest of them leaves that window. */
export async function countRecentFromIp(q: Queryable, ip: string, seconds: number): Promise<{ n: number; freeInSeconds: number }> {
  const [row] = await q.query<{ n: number; free_in: number | null }>(
    `SELECT count(*)::int AS n, ceil(extract(epoch FROM min(created_at) + make_interval(secs => $2) - now()))::int AS free_in
       FROM takedowns WHERE submitted_ip = $1 AND created_at > now() - make_interval(secs => $2)`,
    [ip, seconds],
  );
  return { n: row.n, freeInSeconds: row.free_in ?? 0 };
}

export async function countAppliedFlags(q: Queryable, takedownId: number): Promise<number> {
  const [row] = await q.query<{ n: number }>("SELECT count(DISTINCT pair_id)::int AS n FROM flags WHERE takedown_id = $1 AND state IN ('open', 'confirmed')", [takedownId]);
  return row.n;
}
