// The file handling the line-based formats (jsonl, csv, urls) share: one handle, each batch appended before the next.
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../errors/app-error';
import type { ExportRow, RowWriter } from './types';

export interface TextFormat {
  /** Written first, even when no row follows (a CSV header). */
  header?: string;
  /** The text of one batch and how many rows it holds (a format may skip rows). */
  format(rows: ExportRow[]): { text: string; rows: number };
}

/** Creates `file` (relative to `dir`; it must not exist yet) and writes each batch as it arrives. */
export async function writeTextFile(dir: string, file: string, textFormat: TextFormat): Promise<RowWriter> {
  const abs = join(dir, ...file.split('/'));
  // 'wx': the folder is meant to be fresh, so an existing file means two exports share it.
  const handle = await open(abs, 'wx');
  let rows = 0;
  let closed = false;

  async function append(text: string) {
    const buf = Buffer.from(text, 'utf8');
    // write() may write less than asked; loop so no byte is silently dropped.
    for (let offset = 0; offset < buf.length; ) {
      const { bytesWritten } = await handle.write(buf, offset, buf.length - offset);
      offset += bytesWritten;
    }
  }

  try {
    if (textFormat.header) await append(textFormat.header);
  } catch (e) {
    await handle.close();
    throw e;
  }

  return {
    async write(batch) {
      if (closed) throw new AppError('internal', `${file}: write after finish or abort`);
      if (batch.length === 0) return;
      const out = textFormat.format(batch);
      if (out.text) await append(out.text);
      rows += out.rows;
    },
    async finish() {
      if (closed) throw new AppError('internal', `${file}: finish after finish or abort`);
      closed = true;
      await handle.close();
      return [{ path: file, rows, bytes: (await stat(abs)).size }];
    },
    async abort() {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}
