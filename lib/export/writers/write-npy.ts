// Streams float32 vectors into a 2-D float16 .npy file whose row count is only known at the end.
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../errors/app-error';
import { encodeFloat16 } from '../../db/encode-float16';
import type { WrittenFile } from './types';

export interface NpyWriter {
  /** Appends one row per vector; each must have the writer's dimension. */
  write(vectors: readonly Float32Array[]): Promise<void>;
  /** Rewrites the header with the real row count and closes the file. */
  finish(): Promise<WrittenFile>;
  abort(): Promise<void>;
}

// numpy's own writer reserves this many digits for a shape that grows after the header is
// written (GROWTH_AXIS_MAX_DIGITS in numpy's format module); the same room here lets the final
// header replace the first one byte for byte.
const ROW_DIGITS = 21;

/**
 * Creates `file` (relative to `dir`) as shape (0, dim) `<f2` C-order, format version 1.0, and
 * patches the shape in place at finish().
 */
export async function writeNpy(dir: string, file: string, dim: number): Promise<NpyWriter> {
  if (!Number.isInteger(dim) || dim <= 0) throw new AppError('internal', `${file}: dimension must be a positive integer, got ${dim}`);
  const abs = join(dir, ...file.split('/'));
  const headerBytes = npyHeader(0, dim).length;
  const handle = await open(abs, 'wx');
  let rows = 0;
  let position = 0;
  let closed = false;

  async function writeAt(buf: Uint8Array, at: number) {
    for (let offset = 0; offset < buf.length; ) {
      const { bytesWritten } = await handle.write(buf, offset, buf.length - offset, at + offset);
      offset += bytesWritten;
    }
  }

  try {
    await writeAt(npyHeader(0, dim), 0);
    position = headerBytes;
  } catch (e) {
    await handle.close();
    throw e;
  }

  return {
    async write(vectors) {
      if (closed) throw new AppError('internal', `${file}: write after finish or abort`);
      if (vectors.length === 0) return;
      const buf = Buffer.alloc(vectors.length * dim * 2);
      let offset = 0;
      for (const vector of vectors) {
        if (vector.length !== dim) throw new AppError('internal', `${file}: a ${vector.length}-dim vector in a ${dim}-dim file`);
        for (let i = 0; i < dim; i++, offset += 2) buf.writeUInt16LE(encodeFloat16(vector[i]), offset);
      }
      await writeAt(buf, position);
      position += buf.length;
      rows += vectors.length;
    },
    async finish() {
      if (closed) throw new AppError('internal', `${file}: finish after finish or abort`);
      closed = true;
      try {
        await writeAt(npyHeader(rows, dim), 0);
      } finally {
        await handle.close();
      }
      return { path: file, rows, bytes: (await stat(abs)).size };
    },
    async abort() {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}

/**
 * Magic, version 1.0, little-endian uint16 header length, then the dict padded with spaces
 * to a fixed size and ending in '\n'; numpy wants the whole preamble a multiple of 64 bytes
 * so the data is aligned.
 */
function npyHeader(rows: number, dim: number): Buffer {
  const dict = (r: string) => `{'descr': '<f2', 'fortran_order': False, 'shape': (${r}, ${dim}), }`;
  const longest = dict('9'.repeat(ROW_DIGITS)).length;
  const total = Math.ceil((10 + longest + 1) / 64) * 64;
  const text = dict(String(rows));
  const buf = Buffer.alloc(total, 0x20);
  buf.write('\x93NUMPY', 0, 'latin1');
  buf[6] = 1;
  buf[7] = 0;
  buf.writeUInt16LE(total - 10, 8);
  buf.write(text, 10, 'latin1');
  buf[total - 1] = 0x0a;
  return buf;
}
