// Opens a parquet file from its footer and reads it in bounded row windows, turning every decode failure into a bad_request.
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema, type FileMetaData } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { badInput } from '../errors/bad-input';

// Rows decoded at once. A LAION row (URL, caption, a dozen scalars) costs roughly 1 KB as JS
// objects, so this caps a window near 50 MB even when a writer put a whole 1M-row file in
// one row group (old pyarrow did).
export const PARQUET_WINDOW_ROWS = 50_000;

export interface ParquetFile {
  /** Name used in error messages. */
  file: string;
  /** Row count from the footer. */
  rows: number;
  /** Top-level column names, in file order. */
  columns: string[];
  /** Yields the file's rows in order, in windows that never cross a row group. */
  windows(): AsyncGenerator<{ start: number; rows: Record<string, unknown>[] }>;
}

/** Reads only the footer of `absPath`; `file` is how errors name it. */
export async function openParquetFile(absPath: string, file: string): Promise<ParquetFile> {
  let metadata: FileMetaData;
  const buffer = await asyncBufferFromFile(absPath).catch((e: NodeJS.ErrnoException) => {
    throw badInput(file, `cannot read parquet file (${e.code ?? e.message})`);
  });
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (e) {
    throw badInput(file, `not a readable parquet file, corrupt or truncated? (${errorText(e)})`);
  }
  const columns = parquetSchema(metadata).children.map((c) => c.element.name);
  const rows = Number(metadata.num_rows);
  const ranges = windowRanges(metadata);
  const covered = ranges.length ? ranges[ranges.length - 1][1] : 0;
  if (covered !== rows) throw badInput(file, `footer says ${rows} rows but its row groups hold ${covered}`);

  async function* windows() {
    for (const [start, end] of ranges) {
      let decoded: Record<string, unknown>[];
      try {
        decoded = await parquetReadObjects({ file: buffer, metadata, compressors, rowStart: start, rowEnd: end, useOffsetIndex: true });
      } catch (e) {
        throw badInput(file, `rows ${start}..${end - 1} could not be decoded, corrupt file? (${errorText(e)})`);
      }
      if (decoded.length !== end - start) {
        throw badInput(file, `rows ${start}..${end - 1}: decoded ${decoded.length} rows, expected ${end - start}`);
      }
      yield { start, rows: decoded };
    }
  }
  return { file, rows, columns, windows };
}

function windowRanges(metadata: FileMetaData): [number, number][] {
  const ranges: [number, number][] = [];
  let groupStart = 0;
  for (const group of metadata.row_groups) {
    const groupEnd = groupStart + Number(group.num_rows);
    for (let s = groupStart; s < groupEnd; s += PARQUET_WINDOW_ROWS) {
      ranges.push([s, Math.min(s + PARQUET_WINDOW_ROWS, groupEnd)]);
    }
    groupStart = groupEnd;
  }
  return ranges;
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
