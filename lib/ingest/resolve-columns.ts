// Maps a source's column names (any case) onto PairRecord fields via the known LAION / img2dataset aliases.
import { LAION_FIELDS, type LaionFieldKey } from '../pairs/laion-fields';

/** PairRecord fields that can come from a source column: every LAION field (lib/pairs/laion-fields). */
export type SourceField = LaionFieldKey;

/** Lower-case aliases per field, most specific first: the first present one wins. */
export const COLUMN_ALIASES: Readonly<Record<SourceField, readonly string[]>> = Object.fromEntries(
  LAION_FIELDS.map((f): [SourceField, readonly string[]] => [f.key, f.aliases]),
) as Record<SourceField, readonly string[]>;

// pandas writes its RangeIndex as this column; it is a row number, not data.
const DROPPED = new Set(['__index_level_0__']);

export interface ColumnMap {
  /** Source column name feeding each field, when one exists. */
  fields: Partial<Record<SourceField, string>>;
  /** Source columns that go to `extra`, in source order. */
  extra: string[];
}

/** Resolves column names once per shard so per-row normalisation is a plain lookup. */
export function resolveColumns(names: readonly string[]): ColumnMap {
  const byLower = new Map<string, string>();
  for (const name of names) {
    const lower = name.toLowerCase();
    if (!byLower.has(lower)) byLower.set(lower, name); // on a case clash the first column wins
  }
  const fields: ColumnMap['fields'] = {};
  const used = new Set<string>();
  for (const [field, aliases] of Object.entries(COLUMN_ALIASES) as [SourceField, readonly string[]][]) {
    const alias = aliases.find((a) => byLower.has(a));
    if (alias === undefined) continue;
    const column = byLower.get(alias)!;
    fields[field] = column;
    used.add(column);
  }
  const extra = names.filter((n) => !used.has(n) && !DROPPED.has(n.toLowerCase()));
  return { fields, extra };
}
