// Test support: runs one SQL query in an in-memory DuckDB, the independent reader of exported parquet and CSV.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';

export interface DuckdbResult {
  columns: string[];
  /** DuckDB's type names, e.g. VARCHAR, INTEGER, BIGINT, FLOAT. */
  types: string[];
  /** BIGINT as bigint, FLOAT/INTEGER as number, VARCHAR as string, NULL as null. */
  rows: Record<string, unknown>[];
}

let connection: Promise<DuckDBConnection> | null = null;

/** Runs `sql` on one shared in-memory database (opened on first use). */
export async function queryDuckdb(sql: string): Promise<DuckdbResult> {
  connection ??= DuckDBInstance.create(':memory:').then((db) => db.connect());
  const reader = await (await connection).runAndReadAll(sql);
  return {
    columns: reader.columnNames(),
    types: reader.columnTypes().map(String),
    rows: reader.getRowObjects() as Record<string, unknown>[],
  };
}
