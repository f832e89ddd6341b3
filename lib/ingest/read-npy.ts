// Reads rows of a 2-D float .npy file through a file handle, never holding the whole array in memory.
import { open, stat } from 'node:fs/promises';
import { badInput } from '../errors/bad-input';
import { decodeFloat16 } from '../db/decode-float16';
import { NPY_HEADER_PROBE_BYTES, parseNpyHeader, type NpyDtype } from '../vectors/parse-npy-header';

export interface NpyReader {
  /** Name used in error messages (relative to the source root). */
  file: string;
  dtype: NpyDtype;
  shape: number[];
  rows: number;
  dim: number;
  /** Rows [start, start + count) as fresh float32 arrays, in order. Values are not validated. */
  readRows(start: number, count: number): Promise<Float32Array[]>;
}

/**
 * Reads the header of the .npy at `absPath` and checks the file is long enough for it;
 * `file` is how errors name it. Each readRows call opens its own handle, so an unread
 * reader holds no descriptor and needs no close().
 */
export async function readNpy(absPath: string, file: string): Promise<NpyReader> {
  const size = await stat(absPath).then(
    (s) => s.size,
    (e: NodeJS.ErrnoException) => {
      throw badInput(file, `cannot read .npy file (${e.code ?? e.message})`);
    },
  );
  const handle = await open(absPath, 'r');
  let probe: Buffer;
  try {
    const buf = Buffer.alloc(Math.min(size, NPY_HEADER_PROBE_BYTES));
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    probe = buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  const header = parseNpyHeader(probe, file);
  const rowBytes = header.dim * header.itemSize;
  const expected = header.dataOffset + header.rows * rowBytes;
  if (size < expected) {
    throw badInput(
      file,
      `truncated: header says shape (${header.shape.join(', ')}) ${header.dtype}, ` +
        `which needs ${expected} bytes, but the file has ${size}`,
    );
  }

  async function readRows(start: number, count: number): Promise<Float32Array[]> {
    if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > header.rows) {
      throw badInput(file, `rows ${start}..${start + count - 1} are outside the ${header.rows} rows in the file`);
    }
    if (count === 0) return [];
    const buf = Buffer.alloc(count * rowBytes);
    const fh = await open(absPath, 'r');
    try {
      const { bytesRead } = await fh.read(buf, 0, buf.length, header.dataOffset + start * rowBytes);
      if (bytesRead < buf.length) throw badInput(file, 'truncated: the file ended while reading rows (was it modified?)');
    } finally {
      await fh.close();
    }
    return decodeRows(buf, count, header.dim, header.dtype);
  }

  return { file, dtype: header.dtype, shape: header.shape, rows: header.rows, dim: header.dim, readRows };
}

function decodeRows(buf: Buffer, count: number, dim: number, dtype: NpyDtype): Float32Array[] {
  // DataView rather than a typed-array view: the buffer offset need not be aligned.
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out: Float32Array[] = [];
  let offset = 0;
  for (let r = 0; r < count; r++) {
    const row = new Float32Array(dim);
    for (let i = 0; i < dim; i++) {
      if (dtype === 'float16') {
        row[i] = decodeFloat16(view.getUint16(offset, true));
        offset += 2;
      } else if (dtype === 'float32') {
        row[i] = view.getFloat32(offset, true);
        offset += 4;
      } else {
        row[i] = view.getFloat64(offset, true);
        offset += 8;
      }
    }
    out.push(row);
  }
  return out;
}
