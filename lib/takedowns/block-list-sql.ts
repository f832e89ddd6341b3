// Block lists' SQL: the lists, their entries (replaced as a whole on re-import), and the pairs they name.
import type { Queryable } from '../db/client';
import type { FlagReason } from '../flags/reasons';
import type { BlockEntryKind } from './parse-block-list';

export interface BlockListRow { id: number; name: string; reason: FlagReason; source: string | null; created_by: string | null; created_at: Date; updated_at: Date; entries: number; hits: number }

export async function upsertBlockList(q: Queryable, l: { name: string; reason: FlagReason; source: string; createdBy: string | null }): Promise<{ id: number; created: boolean }> {
  const [row] = await q.query<{ id: number; created: boolean }>(
    `INSERT INTO block_lists (name, reason, source, created_by) VALUES ($1, $2, $3, $4)
     ON CONFLICT (name) DO UPDATE SET source = EXCLUDED.source, reason = EXCLUDED.reason, updated_at = EXCLUDED.updated_at
     RETURNING id, (xmax = 0) AS created`,
    [l.name, l.reason, l.source, l.createdBy],
  );
  return row;
}

/** Makes the list hold exactly `entries`; returns how many were added and removed. */
export async function replaceEntries(q: Queryable, listId: number, entries: { kind: BlockEntryKind; value: string }[]): Promise<{ added: number; removed: number }> {
  const kinds = entries.map((e) => e.kind);
  const values = entries.map((e) => e.value);
  const removed = await q.query(
    `DELETE FROM block_list_entries e WHERE e.list_id = $1
       AND NOT EXISTS (SELECT 1 FROM unnest($2::text[], $3::text[]) AS n(kind, value) WHERE n.kind = e.kind AND n.value = e.value) RETURNING 1`,
    [listId, kinds, values],
  );
  const added = await q.query(
    `INSERT INTO block_list_entries (list_id, kind, value) SELECT DISTINCT $1::int, kind, value FROM unnest($2::text[], $3::text[]) AS n(kind, value)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [listId, kinds, values],
  );
  return { added: added.length, removed: removed.length };
}

/** Each list with its size and the pairs it flagged (counted apart: flags are sharded, lists copied to every node). */
export async function selectBlockLists(q: Queryable): Promise<BlockListRow[]> {
  const lists = await q.query<Omit<BlockListRow, 'hits'>>(
    `SELECT l.*, (SELECT count(*) FROM block_list_entries e WHERE e.list_id = l.id)::int AS entries FROM block_lists l ORDER BY l.name`,
  );
  if (lists.length === 0) return [];
  const hits = await q.query<{ block_list_id: number; n: number }>(
    'SELECT block_list_id, count(DISTINCT pair_id)::int AS n FROM flags WHERE block_list_id = ANY($1::int[]) GROUP BY block_list_id',
    [lists.map((l) => l.id)],
  );
  const byList = new Map(hits.map((h) => [h.block_list_id, h.n]));
  return lists.map((l) => ({ ...l, hits: byList.get(l.id) ?? 0 }));
}

export async function hasBlockLists(q: Queryable): Promise<boolean> {
  return (await q.query('SELECT 1 FROM block_list_entries LIMIT 1')).length > 0;
}

/** Domain entries (few: a list of sites), matched against a set of pair domains in memory, suffix by suffix. */
export async function selectDomainEntries(q: Queryable, listId?: number): Promise<{ list_id: number; value: string; reason: FlagReason }[]> {
  return q.query(
    `SELECT e.list_id, e.value, l.reason FROM block_list_entries e JOIN block_lists l ON l.id = e.list_id WHERE e.kind = 'domain' AND ($1::int IS NULL OR e.list_id = $1)`,
    [listId ?? null],
  );
}

/**
 * Pairs (of one ingest shard, or all) whose URL or hash a list names, or whose domain is among `domains`, with the
 * list and its reason.
 */
export async function selectBlockedPairs(
  q: Queryable,
  scope: { datasetId?: number; sourceId?: string; listId?: number },
  domains: { value: string; list_id: number }[],
): Promise<{ pair_id: number; list_id: number; reason: FlagReason }[]> {
  const pairScope = `($1::int IS NULL OR p.dataset_id = $1) AND ($2::text IS NULL OR p.source_id = $2)`;
  const listScope = `($3::int IS NULL OR e.list_id = $3)`;
  return q.query(
    `SELECT DISTINCT m.pair_id, m.list_id, l.reason FROM (
       SELECT p.id AS pair_id, e.list_id FROM shown_pairs p JOIN block_list_entries e ON e.kind = 'url' AND e.value = p.url WHERE ${pairScope} AND ${listScope}
       UNION ALL
       SELECT p.id, e.list_id FROM shown_pairs p JOIN block_list_entries e ON e.kind = 'hash' AND e.value = p.hash WHERE ${pairScope} AND ${listScope}
       UNION ALL
       SELECT p.id, d.list_id FROM shown_pairs p JOIN unnest($4::text[], $5::int[]) AS d(domain, list_id) ON d.domain = p.domain WHERE ${pairScope}
     ) m JOIN block_lists l ON l.id = m.list_id ORDER BY m.pair_id`,
    [scope.datasetId ?? null, scope.sourceId ?? null, scope.listId ?? null, domains.map((d) => d.value), domains.map((d) => d.list_id)],
  );
}

/** The distinct domains of a shard (or of everything): few compared with rows, so suffix matching runs on them. */
export async function selectDomains(q: Queryable, scope: { datasetId?: number; sourceId?: string }): Promise<string[]> {
  const rows = await q.query<{ domain: string }>(
    `SELECT DISTINCT domain FROM shown_pairs p WHERE domain IS NOT NULL AND ($1::int IS NULL OR p.dataset_id = $1) AND ($2::text IS NULL OR p.source_id = $2)`,
    [scope.datasetId ?? null, scope.sourceId ?? null],
  );
  return rows.map((r) => r.domain);
}
