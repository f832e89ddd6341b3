// The backup concept's SQL. It reads and writes other concepts' tables directly, and only here: a restore must put
// rows back exactly as they were (their ids, times, decisions and authors), which no concept's own function does —
// those stamp now(), check who may act and record a new audit event, all wrong for a copy of the past. Which tables
// and columns, and in what order, is lib/backup/tables.ts; the hiding rule's tables are kept by lib/pairs.
import type { Queryable } from '../db/client';
import { SqlParams } from '../db/sql-params';
import { dbColumns, type BackupTable, type ColumnType } from './tables';

const ARRAY_TYPE: Record<ColumnType, string> = {
  text: 'text[]', int: 'int[]', bigint: 'bigint[]', bool: 'boolean[]', real: 'real[]', ts: 'timestamptz[]', date: 'date[]', json: 'jsonb[]',
};

/** A column in the file's form: times in UTC with every microsecond, dates as YYYY-MM-DD, whatever the session's zone. */
function columnExpr(column: string, type: ColumnType | 'ref'): string {
  if (type === 'ts') return `to_char(t.${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS ${column}`;
  if (type === 'date') return `to_char(t.${column}, 'YYYY-MM-DD') AS ${column}`;
  return `t.${column}`;
}

const columnType = (spec: BackupTable, c: string): ColumnType => spec.columns[c] ?? (c === 'pair_id' ? 'bigint' : 'int');

/** The newest migration applied: a restore refuses a backup from a schema this Sieve does not know. */
export async function selectSchemaVersion(q: Queryable): Promise<string> {
  const [row] = await q.query<{ name: string | null }>('SELECT max(name) AS name FROM _sieve_migrations');
  return row.name ?? '';
}

export async function countRows(q: Queryable, spec: BackupTable): Promise<number> {
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::bigint AS n FROM ${spec.name}`);
  return row.n;
}

export interface BackupRowsPage {
  rows: Record<string, unknown>[];
  /** The last row's primary key: where the next page starts. */
  last: unknown[] | null;
}

/**
 * A page of the table in primary-key order, in the file's form: a pair as its dataset name, shard fingerprint and row
 * (flags and matches join their pair on its shard), a dataset as its name.
 */
export async function selectBackupRows(q: Queryable, spec: BackupTable, after: unknown[] | null, limit: number): Promise<BackupRowsPage> {
  const key = spec.keys[0];
  const p = new SqlParams();
  const select = [
    ...Object.entries(spec.columns).map(([c, type]) => columnExpr(c, type)),
    ...key.map((c, i) => `t.${c} AS _k${i}`),
    ...(spec.pairRef ? ['d.name AS _dataset', 'pr.source_id AS _source_id', 'pr.source_row AS _source_row'] : []),
    ...(spec.datasetRef ? ['d.name AS _dataset'] : []),
  ];
  const join = spec.pairRef
    ? 'JOIN pairs pr ON pr.id = t.pair_id JOIN datasets d ON d.id = pr.dataset_id'
    : spec.datasetRef ? 'LEFT JOIN datasets d ON d.id = t.dataset_id' : '';
  const where = after ? `WHERE (${key.map((c) => `t.${c}`).join(', ')}) > (${after.map((v, i) => `${p.add(v)}::${ARRAY_TYPE[columnType(spec, key[i])].slice(0, -2)}`).join(', ')})` : '';
  const rows = await q.query<Record<string, unknown>>(
    `SELECT ${select.join(', ')} FROM ${spec.name} t ${join} ${where} ORDER BY ${key.map((c) => `t.${c}`).join(', ')} LIMIT ${p.add(limit)}`,
    p.values,
  );
  const out = rows.map((r) => {
    const row: Record<string, unknown> = {};
    for (const c of Object.keys(spec.columns)) row[c] = r[c];
    if (spec.pairRef) row.pair = { dataset: r._dataset, source_id: r._source_id, source_row: r._source_row };
    if (spec.datasetRef) row.dataset = r._dataset ?? null;
    return row;
  });
  const tail = rows.at(-1);
  return { rows: out, last: tail ? key.map((_, i) => tail[`_k${i}`]) : null };
}

/**
 * The rows already present under one of the table's keys, in the form a restore writes them (ids, not names). A
 * one-column key is looked up with = ANY; a longer one on a sharded table by its pair (a pair has few flags), on
 * the others by the whole key.
 */
export async function selectExistingRows(q: Queryable, spec: BackupTable, key: string[], values: unknown[][]): Promise<Record<string, unknown>[]> {
  const select = dbColumns(spec).map((c) => columnExpr(c, spec.columns[c] ?? 'ref')).join(', ');
  if (key.length === 1 || spec.pairRef) {
    const c = spec.pairRef && key.length > 1 ? 'pair_id' : key[0];
    const i = key.indexOf(c);
    const distinct = [...new Set(values.map((v) => v[i]).filter((v) => v !== null))];
    if (distinct.length === 0) return [];
    return q.query(`SELECT ${select} FROM ${spec.name} t WHERE t.${c} = ANY($1::${ARRAY_TYPE[columnType(spec, c)]})`, [distinct]);
  }
  const arrays = key.map((c, i) => `$${i + 1}::${ARRAY_TYPE[columnType(spec, c)]}`);
  return q.query(
    `SELECT ${select} FROM ${spec.name} t WHERE (${key.map((c) => `t.${c}`).join(', ')}) IN (SELECT * FROM unnest(${arrays.join(', ')}))`,
    key.map((_, i) => values.map((v) => v[i])),
  );
}

/** Rows in the form selectExistingRows reads them, written as they are (ids and times included). */
export async function insertRows(q: Queryable, spec: BackupTable, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = dbColumns(spec);
  const types = columns.map((c) => columnType(spec, c));
  const values = columns.map((c, i) => rows.map((r) => (types[i] === 'json' && r[c] !== null ? JSON.stringify(r[c]) : r[c])));
  await q.query(
    `INSERT INTO ${spec.name} (${columns.join(', ')}) SELECT * FROM unnest(${types.map((type, i) => `$${i + 1}::${ARRAY_TYPE[type]}`).join(', ')})`,
    values,
  );
}

export async function selectDatasetIds(q: Queryable, names: string[]): Promise<Map<string, number>> {
  const rows = await q.query<{ id: number; name: string }>('SELECT id, name FROM datasets WHERE name = ANY($1::text[])', [names]);
  return new Map(rows.map((r) => [r.name, r.id]));
}

/** The pairs of one shard of a dataset by their rows in it (the ingest's own idempotency key). */
export async function selectPairIds(q: Queryable, datasetId: number, sourceId: string, sourceRows: number[]): Promise<Map<number, number>> {
  const rows = await q.query<{ id: number; source_row: number }>(
    'SELECT id, source_row FROM pairs WHERE dataset_id = $1 AND source_id = $2 AND source_row = ANY($3::int[])',
    [datasetId, sourceId, sourceRows],
  );
  return new Map(rows.map((r) => [r.source_row, r.id]));
}

/**
 * Moves a serial column's sequence past the highest id, so rows made after a restore do not collide with restored
 * ones; never backwards (ids of deleted rows are not handed out again).
 */
export async function moveSequencePast(q: Queryable, table: string, column: string): Promise<void> {
  const [seq] = await q.query<{ name: string | null }>('SELECT pg_get_serial_sequence($1, $2) AS name', [table, column]);
  if (!seq.name) return;
  await q.query(
    `SELECT setval($1::regclass, GREATEST((SELECT max(${column}) FROM ${table}), s.last_value), true) FROM ${seq.name} s`,
    [seq.name],
  );
}
