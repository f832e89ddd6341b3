// Maps a source's column names (any case) onto PairRecord fields via the known LAION / img2dataset aliases.

/** PairRecord fields that can come from a source column. */
export type SourceField =
  | 'url'
  | 'caption'
  | 'width'
  | 'height'
  | 'similarity'
  | 'punsafe'
  | 'pwatermark'
  | 'aesthetic'
  | 'hash'
  | 'license'
  | 'nsfw'
  | 'language'
  | 'sampleId'
  | 'imagePath';

/** Lower-case aliases per field, most specific first: the first present one wins. */
export const COLUMN_ALIASES: Record<SourceField, readonly string[]> = {
  url: ['url'],
  caption: ['caption', 'text'],
  width: ['width'],
  height: ['height'],
  similarity: ['similarity'],
  punsafe: ['punsafe'],
  pwatermark: ['pwatermark'],
  aesthetic: ['aesthetic_score', 'aesthetic'],
  hash: ['hash'],
  license: ['license'],
  nsfw: ['nsfw'],
  language: ['language', 'lang'],
  sampleId: ['sample_id', 'key'],
  imagePath: ['image_path'],
};

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
