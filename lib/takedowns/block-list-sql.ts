// Block lists' SQL: the lists (locked while an import checks who may replace them), their entries (replaced as a
// whole on re-import), and the pairs they name.
import type { Queryable } from '../db/client';
import type { FlagReason } from '../flags/reasons';
import type { BlockEntryKind } from './parse-block-list';
import { sqlUrlDigest } from './url-digest';

export interface BlockListRow {
  id: number; name: string; reason: FlagReason; source: string | null; authority: string | null; created_by: string | null; updated_by: string | null;
  created_at: Date; updated_at: Date; entries: number; hits: number;
}

/** What the rules about replacing a list read: who owns it, who last replaced it, its reason and authority. */
export type BlockListHead = Pick<BlockListRow, 'id' | 'name' | 'reason' | 'authority' | 'created_by' | 'updated_by'>;

const HEAD = 'id, name, reason, authority, created_by, updated_by';

/** The list of this name (or id), its row locked until the transaction ends: two imports of one name take turns. */
export async function lockBlockList(q: Queryable, by: { name?: string; id?: number }): Promise<BlockListHead | null> {
  const [row] = await q.query<BlockListHead>(`SELECT ${HEAD} FROM block_lists WHERE name = $1 OR id = $2::bigint FOR UPDATE`, [by.name ?? null, by.id ?? null]);
  return row ?? null;
}

/** A new list; null when another import made one of this name meanwhile. */
export async function insertBlockList(q: Queryable, l: { name: string; reason: FlagReason; source: string; authority: string | null; by: string | null }): Promise<BlockListHead | null> {
  const [row] = await q.query<BlockListHead>(
    `INSERT INTO block_lists (name, reason, source, authority, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (name) DO NOTHING RETURNING ${HEAD}`,
    [l.name, l.reason, l.source, l.authority, l.by],
  );
  return row ?? null;
}

/** A re-import: the new source and who replaced it; the owner, reason and authority stay. */
export async function updateBlockList(q: Queryable, id: number, l: { source: string; by: string | null }): Promise<void> {
  await q.query('UPDATE block_lists SET source = $2, updated_by = $3, updated_at = now() WHERE id = $1', [id, l.source, l.by]);
}

/** Removes a list and its entries (the flags it raised stay, with its id); returns how many entries it held. */
export async function deleteBlockList(q: Queryable, id: number): Promise<number> {
  const [row] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM block_list_entries WHERE list_id = $1', [id]);
  await q.query('DELETE FROM block_lists WHERE id = $1', [id]);
  return row.n;
}

/** The lists' heads by id, for the flags their entries raise. */
export async function selectBlockListHeads(q: Queryable, ids: number[]): Promise<BlockListHead[]> {
  return q.query<BlockListHead>(`SELECT ${HEAD} FROM block_lists WHERE id = ANY($1::int[])`, [ids]);
}

/** Of these URLs, the ones the hiding rule hides (hidden_urls): they are kept only as their digest. */
export async function selectHiddenAmong(q: Queryable, urls: string[]): Promise<Set<string>> {
  if (urls.length === 0) return new Set();
  const rows = await q.query<{ url: string }>('SELECT DISTINCT url FROM hidden_urls WHERE url = ANY($1::text[])', [urls]);
  return new Set(rows.map((r) => r.url));
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

/** Whether a list (or any) holds a URL digest: only then are the pairs' URLs hashed to match (a partial index answers). */
export async function hasDigestEntries(q: Queryable, listId?: number): Promise<boolean> {
  const rows = await q.query(`SELECT 1 FROM block_list_entries WHERE kind = 'url' AND value LIKE 'sha256:%' AND ($1::int IS NULL OR list_id = $1) LIMIT 1`, [listId ?? null]);
  return rows.length > 0;
}

/** Domain entries (few: a list of sites), matched against a set of pair domains in memory, suffix by suffix. */
export async function selectDomainEntries(q: Queryable, listId?: number): Promise<{ list_id: number; value: string }[]> {
  return q.query(
    `SELECT e.list_id, e.value FROM block_list_entries e WHERE e.kind = 'domain' AND ($1::int IS NULL OR e.list_id = $1)`,
    [listId ?? null],
  );
}

/**
 * Pairs (of one ingest shard, or all) whose URL (or its digest, with `digests`) or hash a list names, or whose domain
 * is among `domains`, with the list.
 */
export async function selectBlockedPairs(
  q: Queryable,
  scope: { datasetId?: number; sourceId?: string; listId?: number; digests?: boolean },
  domains: { value: string; list_id: number }[],
): Promise<{ pair_id: number; list_id: number }[]> {
  const pairScope = `($1::int IS NULL OR p.dataset_id = $1) AND ($2::text IS NULL OR p.source_id = $2)`;
  const listScope = `($3::int IS NULL OR e.list_id = $3)`;
  // Hashing every URL costs a scan of the scope, so it runs only where some list keeps a digest.
  const digests = scope.digests
    ? `UNION ALL
       SELECT p.id, e.list_id FROM shown_pairs p JOIN block_list_entries e ON e.kind = 'url' AND e.value LIKE 'sha256:%' AND e.value = ${sqlUrlDigest('p.url')}
        WHERE ${pairScope} AND ${listScope}`
    : '';
  return q.query(
    `SELECT DISTINCT m.pair_id, m.list_id FROM (
       SELECT p.id AS pair_id, e.list_id FROM shown_pairs p JOIN block_list_entries e ON e.kind = 'url' AND e.value = p.url WHERE ${pairScope} AND ${listScope}
       UNION ALL
       SELECT p.id, e.list_id FROM shown_pairs p JOIN block_list_entries e ON e.kind = 'hash' AND e.value = p.hash WHERE ${pairScope} AND ${listScope}
       UNION ALL
       SELECT p.id, d.list_id FROM shown_pairs p JOIN unnest($4::text[], $5::int[]) AS d(domain, list_id) ON d.domain = p.domain WHERE ${pairScope}
       ${digests}
     ) m ORDER BY m.pair_id`,
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
