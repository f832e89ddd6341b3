// Maps one raw source row (parquet row or img2dataset JSON) onto a PairRecord, coercing types and keeping unknown columns in `extra`.
import { isAbsolute, resolve } from 'node:path';
import { resolveColumns, type ColumnMap } from './resolve-columns';
import { storableText } from './storable-text';
import { toJsonSafe } from './to-json-safe';
import type { PairRecord } from './types';

export interface RowContext {
  /** Shard path relative to the source root (becomes sourceFile). */
  file: string;
  /** 0-based row inside the shard (becomes sourceRow). */
  row: number;
  /** Absolute source root; relative image paths are resolved against it. */
  root: string;
  /** Precomputed column map for the shard; resolved from the row's own keys when absent. */
  columns?: ColumnMap;
}

/** Normalises `raw` into a PairRecord with null embeddings (readers attach vectors afterwards). */
export function normaliseRow(raw: Record<string, unknown>, ctx: RowContext): PairRecord {
  const { fields, extra: extraColumns } = ctx.columns ?? resolveColumns(Object.keys(raw));
  const get = (column: string | undefined) => (column === undefined ? undefined : raw[column]);

  const imagePath = toText(get(fields.imagePath));
  // No prototype: a source column named `__proto__` is kept as data instead of replacing the object's prototype.
  const extra: Record<string, unknown> = Object.create(null);
  for (const column of extraColumns) {
    if (Object.hasOwn(raw, column) && raw[column] !== undefined) extra[storableText(column)] = toJsonSafe(raw[column]);
  }
  return {
    sourceFile: ctx.file,
    sourceRow: ctx.row,
    url: toText(get(fields.url)),
    caption: toText(get(fields.caption)),
    width: toSize(get(fields.width)),
    height: toSize(get(fields.height)),
    similarity: toNumber(get(fields.similarity)),
    punsafe: toNumber(get(fields.punsafe)),
    pwatermark: toNumber(get(fields.pwatermark)),
    aesthetic: toNumber(get(fields.aesthetic)),
    license: toText(get(fields.license)),
    language: toText(get(fields.language)),
    nsfw: toText(get(fields.nsfw)),
    hash: toText(get(fields.hash)),
    sampleId: toText(get(fields.sampleId)),
    imagePath: imagePath === null ? null : isAbsolute(imagePath) ? imagePath : resolve(ctx.root, imagePath),
    extra: Object.keys(extra).length > 0 ? extra : null,
    imgEmb: null,
    txtEmb: null,
  };
}

function toNumber(value: unknown): number | null {
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'bigint') n = Number(value);
  else if (typeof value === 'string' && value.trim() !== '') n = Number(value.trim());
  else return null;
  return Number.isFinite(n) ? n : null;
}

// Pixel sizes are whole and positive; pandas stores them as float64 when a column has gaps.
function toSize(value: unknown): number | null {
  const n = toNumber(value);
  return n === null || n < 0 ? null : Math.round(n);
}

// LAION's `hash` and `SAMPLE_ID` are int64, so text fields accept numbers and keep every digit.
function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return storableText(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null;
  if (typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return storableText(Buffer.from(value).toString('utf8'));
  return JSON.stringify(toJsonSafe(value));
}
