// Streams export rows into export.jsonl: one JSON object per line, keys as the parquet columns.
import { laionColumns } from './laion-columns';
import type { RowWriter, WriterOptions } from './types';
import { writeTextFile } from './write-text-file';

/**
 * Keys come in column order (each line is assembled by hand, since a JS object would move
 * integer-like extra names to the front). Extras keep their JSON values, objects included.
 */
export function writeJsonl(dir: string, opts: WriterOptions): Promise<RowWriter> {
  const columns = laionColumns(opts.extraColumns);
  const keys = columns.map((c) => `${JSON.stringify(c.name)}:`);
  return writeTextFile(dir, 'export.jsonl', {
    format(rows) {
      let text = '';
      for (const row of rows) {
        const fields = columns.map((c, i) => keys[i] + (JSON.stringify(c.json(row)) ?? 'null'));
        // JSON.stringify escapes CR and LF inside strings, so a row is always one line.
        text += `{${fields.join(',')}}\n`;
      }
      return { text, rows: rows.length };
    },
  });
}
