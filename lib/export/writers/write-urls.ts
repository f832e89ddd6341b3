// Streams export rows into urls.txt, the one-URL-per-line input of `img2dataset --input_format txt`.
import type { RowWriter, WriterOptions } from './types';
import { writeTextFile } from './write-text-file';

/** Rows without a URL, or whose URL holds a line break (it cannot be one line), are skipped and not counted. */
export function writeUrls(dir: string, _opts: WriterOptions): Promise<RowWriter> {
  return writeTextFile(dir, 'urls.txt', {
    format(rows) {
      let text = '';
      let count = 0;
      for (const { url } of rows) {
        if (!url || /[\r\n]/.test(url)) continue;
        text += `${url}\n`;
        count++;
      }
      return { text, rows: count };
    },
  });
}
