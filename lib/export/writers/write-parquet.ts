// Streams export rows into one parquet file with LAION's column names (export.parquet, or a clip-retrieval metadata shard).
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { SchemaElement } from 'hyparquet';
import { AppError } from '../../errors/app-error';
// The explicit Node entry: the package root resolves to a build without fileWriter under a
// bundler's "browser" condition.
import { ParquetWriter, fileWriter } from 'hyparquet-writer/src/node.js';
import { laionColumns, type ColumnType, type ExportColumn } from './laion-columns';
import type { ExportRow, RowWriter, WriterOptions } from './types';

// Each batch becomes its own row group(s) so nothing is held between batches; this only caps a
// group when a caller sends a huge batch (100,000 is also hyparquet-writer's own default size).
const ROW_GROUP_ROWS = 100_000;

// The footer's created_by: a constant, with no version or time in it, so the same rows give the same bytes.
const CREATED_BY = 'sieve';

/**
 * Writes `file` (relative to `dir`, '/' separators) with an explicit schema, so an export of
 * zero rows is still a valid file with every column. Same rows in, same bytes out.
 */
export async function writeParquet(dir: string, file: string, opts: WriterOptions): Promise<RowWriter> {
  const columns = laionColumns(opts.extraColumns);
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }, ...columns.map(schemaElement)];
  const abs = join(dir, ...file.split('/'));
  const parquet = new ParquetWriter({ writer: fileWriter(abs), schema, codec: 'SNAPPY', createdBy: CREATED_BY });
  let rows = 0;
  let closed = false;

  return {
    async write(batch: ExportRow[]) {
      if (closed) throw new AppError('internal', `${file}: write after finish or abort`);
      if (batch.length === 0) return;
      const columnData = columns.map((column) => ({ name: column.name, data: cells(column, batch) }));
      await parquet.write({ columnData, rowGroupSize: ROW_GROUP_ROWS });
      rows += batch.length;
    },
    async finish() {
      if (closed) throw new AppError('internal', `${file}: finish after finish or abort`);
      closed = true;
      await parquet.finish();
      return [{ path: file, rows, bytes: (await stat(abs)).size }];
    },
    async abort() {
      // fileWriter appends synchronously and keeps no descriptor open, so there is nothing to close.
      closed = true;
    },
  };
}

function schemaElement(column: ExportColumn): SchemaElement {
  const repetition_type = 'OPTIONAL';
  if (column.type === 'STRING') return { name: column.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type };
  return { name: column.name, type: column.type, repetition_type };
}

function cells(column: ExportColumn, batch: ExportRow[]): unknown[] {
  const out = new Array<unknown>(batch.length);
  for (let i = 0; i < batch.length; i++) out[i] = physical(column.type, column.value(batch[i]));
  return out;
}

// hyparquet-writer takes INT64 only as bigint; the other types take the JS value as is.
function physical(type: ColumnType, value: string | number | null): unknown {
  if (value === null) return null;
  return type === 'INT64' ? BigInt(value) : value;
}
