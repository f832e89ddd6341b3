// The LAION fields of a pair, once: row key, database column, export name and type, ingest's source aliases, label.
// Client-safe (no imports), so pages read their labels here too. The database itself is still defined by the Prisma
// schema and the SQL migrations. The SQL column lists, and the per-row mappers kept as plain object literals for speed
// (normaliseRow, toPairSummary, toExportRow, toClipMetadata), are checked against this list by unit tests.

/** Parquet physical type of an exported column; the text formats only use it to know what is a number. */
export type ParquetType = 'STRING' | 'INT32' | 'INT64' | 'FLOAT';

/** How ingest coerces a source value: text keeps every digit of a number, integer is a whole pixel size. */
export type FieldKind = 'text' | 'integer' | 'number';

export interface LaionField {
  /** The field's key in PairRecord, PairSummary and ExportRow. */
  readonly key: string;
  /** The column in pairs (and shown_pairs). */
  readonly column: string;
  /** The column name in export files (LAION-400M/5B's parquet spelling); null: not exported. */
  readonly laion: string | null;
  /** Parquet type of the exported column; null when not exported. */
  readonly parquet: ParquetType | null;
  /** Lower-case source column names ingest accepts, most specific first: the first one present wins. */
  readonly aliases: readonly string[];
  /** The field's name on the pair page. */
  readonly label: string;
  readonly kind: FieldKind;
}

/**
 * In the order of export files' columns. URL/TEXT/WIDTH/HEIGHT, similarity…, AESTHETIC_SCORE, key: the spellings of
 * LAION-400M/5B's parquet files, so `img2dataset --url_col URL --caption_col TEXT` and Sieve's own ingest (which maps
 * them back through the aliases) read an export unchanged.
 */
export const LAION_FIELDS = [
  { key: 'url', column: 'url', laion: 'URL', parquet: 'STRING', aliases: ['url'], label: 'URL', kind: 'text' },
  { key: 'caption', column: 'caption', laion: 'TEXT', parquet: 'STRING', aliases: ['caption', 'text'], label: 'Caption', kind: 'text' },
  { key: 'width', column: 'width', laion: 'WIDTH', parquet: 'INT32', aliases: ['width'], label: 'Width', kind: 'integer' },
  { key: 'height', column: 'height', laion: 'HEIGHT', parquet: 'INT32', aliases: ['height'], label: 'Height', kind: 'integer' },
  { key: 'similarity', column: 'similarity', laion: 'similarity', parquet: 'FLOAT', aliases: ['similarity'], label: 'CLIP similarity', kind: 'number' },
  { key: 'punsafe', column: 'punsafe', laion: 'punsafe', parquet: 'FLOAT', aliases: ['punsafe'], label: 'punsafe', kind: 'number' },
  { key: 'pwatermark', column: 'pwatermark', laion: 'pwatermark', parquet: 'FLOAT', aliases: ['pwatermark'], label: 'pwatermark', kind: 'number' },
  { key: 'aesthetic', column: 'aesthetic', laion: 'AESTHETIC_SCORE', parquet: 'FLOAT', aliases: ['aesthetic_score', 'aesthetic'], label: 'Aesthetic', kind: 'number' },
  { key: 'hash', column: 'hash', laion: 'hash', parquet: 'STRING', aliases: ['hash'], label: 'Hash', kind: 'text' },
  { key: 'license', column: 'license', laion: 'LICENSE', parquet: 'STRING', aliases: ['license'], label: 'Licence', kind: 'text' },
  { key: 'language', column: 'language', laion: 'LANGUAGE', parquet: 'STRING', aliases: ['language', 'lang'], label: 'Language', kind: 'text' },
  { key: 'nsfw', column: 'nsfw', laion: 'NSFW', parquet: 'STRING', aliases: ['nsfw'], label: 'NSFW', kind: 'text' },
  { key: 'sampleId', column: 'sample_id', laion: 'key', parquet: 'STRING', aliases: ['sample_id', 'key'], label: 'Sample id', kind: 'text' },
  // A local image file the app serves offline (img2dataset's folders); a path on this machine, so never exported.
  { key: 'imagePath', column: 'image_path', laion: null, parquet: null, aliases: ['image_path'], label: 'Image file', kind: 'text' },
] as const satisfies readonly LaionField[];

export type LaionFieldKey = (typeof LAION_FIELDS)[number]['key'];

/** The fields export files carry, in their order. */
export type ExportedField = Extract<(typeof LAION_FIELDS)[number], { laion: string }>;
export const EXPORTED_FIELDS: readonly ExportedField[] = LAION_FIELDS.filter((f): f is ExportedField => f.laion !== null);

/** One field by its row key. */
export const LAION_FIELD = Object.fromEntries(LAION_FIELDS.map((f) => [f.key, f])) as {
  readonly [K in LaionFieldKey]: Extract<(typeof LAION_FIELDS)[number], { key: K }>;
};
