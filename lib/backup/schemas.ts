// A backup file's lines: the header, one line per row tagged with its table, and the trailer that seals the rest.
import { z } from 'zod';
import { BACKUP_TABLE_NAMES, BACKUP_TABLES, type BackupTableName, type ColumnType } from './tables';

export const BACKUP_FORMAT = 'sieve-backup';
/** Bumped when a reader of the old version would misread the file; a reader refuses any version it does not know. */
export const BACKUP_VERSION = 1;

const Counts = z.record(z.enum(BACKUP_TABLE_NAMES), z.number().int().nonnegative());

export const BackupHeader = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  created_at: z.iso.datetime(),
  /** The newest migration of the database it was taken from. */
  sieve_schema: z.string().min(1),
  counts: Counts,
});
export type BackupHeader = z.infer<typeof BackupHeader>;

export const BackupTrailer = z.strictObject({
  end: z.literal(true),
  counts: Counts,
  /** SHA-256 (hex) of every line before this one, newlines included, as written (before gzip). */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type BackupTrailer = z.infer<typeof BackupTrailer>;

/** A pair as a re-ingest of the same files finds it again: its dataset, its shard's content fingerprint and row. */
export const PairRef = z.strictObject({ dataset: z.string().min(1), source_id: z.string().min(1), source_row: z.number().int().nonnegative() });
export type PairRef = z.infer<typeof PairRef>;

const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/;
const COLUMN: Record<ColumnType, z.ZodType> = {
  text: z.string(),
  int: z.number().int(),
  bigint: z.number().int(),
  bool: z.boolean(),
  real: z.number(),
  ts: z.string().regex(TIMESTAMP, 'a UTC timestamp with microseconds'),
  date: z.string().regex(/^\d{4}-\d\d-\d\d$/, 'a date YYYY-MM-DD'),
  json: z.json(),
};

/** One schema per table: exactly its columns (NOT NULL is left to the database, which refuses inside the transaction). */
export const ROW_SCHEMAS = Object.fromEntries(
  BACKUP_TABLES.map((spec) => [
    spec.name,
    z.strictObject({
      ...Object.fromEntries(Object.entries(spec.columns).map(([c, type]) => [c, spec.later?.includes(c) ? COLUMN[type].nullable().default(null) : COLUMN[type].nullable()])),
      ...(spec.pairRef ? { pair: PairRef } : {}),
      ...(spec.datasetRef ? { dataset: z.string().nullable() } : {}),
    }),
  ]),
) as unknown as Record<BackupTableName, z.ZodType<BackupRow>>;

/** A row as the file holds it: its columns, plus `pair` and `dataset` in place of the ids they stand for. */
export type BackupRow = Record<string, unknown> & { pair?: PairRef; dataset?: string | null };

export const RowLine = z.strictObject({ t: z.enum(BACKUP_TABLE_NAMES), r: z.record(z.string(), z.unknown()) });

export interface RestoreSummary {
  file: string;
  createdAt: string;
  /** Per table: rows added, and rows that were already there as the backup has them. */
  tables: Record<BackupTableName, { added: number; present: number }>;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  counts: Record<BackupTableName, number>;
}
