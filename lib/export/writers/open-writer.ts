// Picks the file writer for an export format; the one entry point the export orchestration calls.
import { AppError } from '../../errors/app-error';
import type { ExportFormat, RowWriter, WriterOptions } from './types';
import { writeCsv } from './write-csv';
import { writeJsonl } from './write-jsonl';
import { writeNpyFolder } from './write-npy-folder';
import { writeParquet } from './write-parquet';
import { writeUrls } from './write-urls';

// A Record, so a new ExportFormat does not compile until it has a writer.
const WRITERS: Record<ExportFormat, (dir: string, opts: WriterOptions) => Promise<RowWriter>> = {
  parquet: (dir, opts) => writeParquet(dir, 'export.parquet', opts),
  jsonl: writeJsonl,
  csv: writeCsv,
  urls: writeUrls,
  npy: writeNpyFolder,
};

/** Opens a writer for `format` that creates its files in `dir` (an existing, empty folder). */
export async function openWriter(format: ExportFormat, dir: string, opts: WriterOptions): Promise<RowWriter> {
  const open = Object.hasOwn(WRITERS, format) ? WRITERS[format] : undefined;
  if (!open) throw new AppError('bad_request', `unknown export format '${format}'`);
  return open(dir, opts);
}
