// Test support: one checksum per table of the public schema, to show that a request changed no row.
import type { Db } from '@/lib/db/client';

/**
 * What may change on any request, by design, and is left out: better-auth counts every call to its endpoints per
 * address (rate_limits), a personal token notes when it was last used, and a failed sign-in is written to the audit
 * trail (that record is the point of it).
 */
const SKIP_TABLES = new Set(['rate_limits']);
const SKIP_COLUMNS: Record<string, string[]> = { api_tokens: ['last_used_at'] };
const ROW_FILTERS: Record<string, string> = { audit_events: "action <> 'auth.sign_in_failed'" };

export type Checksums = Record<string, string>;

/** Builds the query once (the tables and columns don't change during a test); each call is then one round trip. */
export async function checksumQuery(db: Db): Promise<() => Promise<Checksums>> {
  const columns = await db.query<{ table_name: string; column_name: string }>(
    `SELECT c.table_name, c.column_name FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position`,
  );
  const byTable = new Map<string, string[]>();
  for (const c of columns) {
    if (SKIP_TABLES.has(c.table_name) || SKIP_COLUMNS[c.table_name]?.includes(c.column_name)) continue;
    byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), c.column_name]);
  }
  const q = (id: string) => `"${id.replace(/"/g, '""')}"`;
  // A count and a sum of row hashes: the same rows give the same figures in any order, and both aggregates run on
  // each Citus shard (an ordered string_agg would pull every row to the coordinator first).
  const parts = [...byTable].map(([table, cols]) => {
    const row = `ROW(${cols.map(q).join(', ')})::text`;
    const where = ROW_FILTERS[table] ? ` WHERE ${ROW_FILTERS[table]}` : '';
    return `SELECT '${table}' AS name, count(*) || ':' || coalesce(sum(hashtextextended(${row}, 0)), 0) AS sum FROM ${q(table)}${where}`;
  });
  const sql = parts.join('\nUNION ALL\n');
  return async () => Object.fromEntries((await db.query<{ name: string; sum: string }>(sql)).map((r) => [r.name, r.sum]));
}

/** The tables whose checksums differ. */
export function changedTables(before: Checksums, after: Checksums): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((t) => before[t] !== after[t]).sort();
}
