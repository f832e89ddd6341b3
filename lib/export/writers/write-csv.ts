// Streams export rows into export.csv (RFC 4180, header row, the parquet columns) with csv-stringify.
import { stringify, type Options } from 'csv-stringify/sync';
import { laionColumns } from './laion-columns';
import type { RowWriter, WriterOptions } from './types';
import { writeTextFile } from './write-text-file';

const CSV_OPTIONS: Options = {
  // RFC 4180 ends records with CRLF.
  record_delimiter: '\r\n',
  // Needed because of the line above: once record_delimiter is set, csv-stringify stops quoting a
  // field holding a bare LF or CR, which would then split the record for every reader.
  quote_record_delimiter: true,
  // Quoting the empty string keeps it apart from null (an empty, unquoted field). Not
  // quoted_empty, which quotes nulls too.
  quoted_match: /^$/,
};

/** Nulls are empty fields; extras that are not strings are their JSON text. */
export function writeCsv(dir: string, opts: WriterOptions): Promise<RowWriter> {
  const columns = laionColumns(opts.extraColumns);
  return writeTextFile(dir, 'export.csv', {
    // Once, up front: each batch is stringified on its own, and csv-stringify's `header` option
    // would repeat the header in every batch.
    header: stringify([columns.map((c) => c.name)], CSV_OPTIONS),
    format(rows) {
      const records = rows.map((row) => columns.map((c) => c.value(row)));
      return { text: stringify(records, CSV_OPTIONS), rows: rows.length };
    },
  });
}
