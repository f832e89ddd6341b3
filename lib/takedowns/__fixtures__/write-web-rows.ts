// Test support: a small LAION-style Parquet shard of URL, caption, hash and key, for takedown and block-list tests.
import { parquetWriteFile } from 'hyparquet-writer';

export interface WebRow { url: string; caption: string; hash?: string; key?: string }

export function writeWebRows(file: string, rows: WebRow[]): void {
  parquetWriteFile({
    filename: file,
    columnData: [
      { name: 'URL', data: rows.map((r) => r.url), type: 'STRING' },
      { name: 'TEXT', data: rows.map((r) => r.caption), type: 'STRING' },
      { name: 'hash', data: rows.map((r) => r.hash ?? null), type: 'STRING' },
      { name: 'key', data: rows.map((r) => r.key ?? null), type: 'STRING' },
    ],
  });
}
