// A backup file's lines as they were written: gunzipped, split on newlines as bytes (so a character cut across two
// chunks stays whole), each with its number and raw bytes for the seal's hash.
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { AppError } from '../errors/app-error';

export interface BackupLine {
  /** 1-based, as an editor counts. */
  n: number;
  bytes: Buffer;
  value: unknown;
}

// The longest line Sieve writes is an export's manifest: far below this.
const MAX_LINE_BYTES = 64 << 20;

export async function* readBackupLines(file: string): AsyncGenerator<BackupLine> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (e) => gunzip.destroy(e));
  source.pipe(gunzip);
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let n = 0;
  const line = (bytes: Buffer): BackupLine => {
    n += 1;
    try {
      return { n, bytes, value: JSON.parse(bytes.toString('utf8')) };
    } catch {
      throw new AppError('bad_request', `${file}: line ${n} is not JSON: the file is damaged`, { file });
    }
  };
  try {
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      let start = 0;
      for (let nl = chunk.indexOf(10); nl !== -1; nl = chunk.indexOf(10, start)) {
        pending.push(chunk.subarray(start, nl + 1));
        yield line(Buffer.concat(pending));
        pending = [];
        pendingBytes = 0;
        start = nl + 1;
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        if (pendingBytes > MAX_LINE_BYTES) throw new AppError('bad_request', `${file}: line ${n + 1} is longer than ${MAX_LINE_BYTES} bytes: not a Sieve backup`, { file });
      }
    }
  } catch (e) {
    throw readError(file, e);
  } finally {
    source.destroy();
  }
  if (pendingBytes > 0) throw new AppError('bad_request', `${file}: the last line has no end: the file is truncated`, { file });
}

function readError(file: string, e: unknown): unknown {
  if (e instanceof AppError) return e;
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return new AppError('not_found', `${file}: no such file`, { file });
  if (code === 'EISDIR' || code === 'EACCES') return new AppError('bad_request', `${file}: cannot read it (${code})`, { file });
  if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR' || (e as Error).message?.includes('unexpected end of file')) {
    return new AppError('bad_request', `${file}: not a complete gzip file (${(e as Error).message}): the backup is truncated or damaged`, { file });
  }
  return e;
}
