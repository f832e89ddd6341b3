// The columns every export format writes, under the names LAION's tools (img2dataset, clip-retrieval) read.
import { EXPORTED_FIELDS, type ParquetType } from '../../pairs/laion-fields';
import type { ExportRow } from './types';

/** Parquet physical type of a column; the text formats only use it to know what is a number. */
export type ColumnType = ParquetType;

export interface ExportColumn {
  name: string;
  type: ColumnType;
  /** The cell for typed, flat formats (parquet, csv): extras become strings. */
  value(row: ExportRow): string | number | null;
  /** The cell for JSON: extras keep their JSON value, so an object stays an object. */
  json(row: ExportRow): unknown;
}

type Field = Exclude<keyof ExportRow, 'extra' | 'imgEmb' | 'txtEmb'>;

// The exported LAION fields under LAION's spellings, in the registry's order (lib/pairs/laion-fields), then Sieve's id.
const FIELDS: readonly [string, ColumnType, Field][] = [
  ...EXPORTED_FIELDS.map((f): [string, ColumnType, Field] => [f.laion, f.parquet, f.key]),
  ['sieve_id', 'INT64', 'id'],
];

/**
 * The LAION columns in order, then one string column per extra column. An extra whose name
 * clashes with an earlier column, ignoring case (DuckDB, pandas users and Sieve's ingest all
 * match names case-insensitively, and parquet readers reject duplicates), is written as
 * `extra_<name>`; a name listed twice is written once.
 */
export function laionColumns(extraColumns: readonly string[]): ExportColumn[] {
  const columns: ExportColumn[] = FIELDS.map(([name, type, field]) => ({
    name,
    type,
    value: (row) => row[field],
    json: (row) => row[field],
  }));
  const taken = new Set(columns.map((c) => c.name.toLowerCase()));
  const seen = new Set<string>();
  for (const source of extraColumns) {
    if (seen.has(source)) continue;
    seen.add(source);
    let name = source;
    while (taken.has(name.toLowerCase())) name = `extra_${name}`;
    taken.add(name.toLowerCase());
    columns.push({
      name,
      type: 'STRING',
      value: (row) => extraText(row.extra?.[source]),
      json: (row) => row.extra?.[source] ?? null,
    });
  }
  return columns;
}

// Extras are arbitrary JSON, but a flat column needs one type: strings pass through so a text
// column stays readable, and anything else is its JSON text, which any reader can parse back.
function extraText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? null;
}
