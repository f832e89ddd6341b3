// Parses the header of a NumPy .npy file (format versions 1, 2 and 3) into shape, dtype and data offset.
import { badInput } from '../errors/bad-input';

export type NpyDtype = 'float16' | 'float32' | 'float64';

export interface NpyHeader {
  dtype: NpyDtype;
  /** Bytes per element. */
  itemSize: number;
  /** Shape as written; a 1-D array is read as one row. */
  shape: number[];
  rows: number;
  dim: number;
  /** Byte offset of the first element. */
  dataOffset: number;
}

const MAGIC = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]); // "\x93NUMPY"

// Only little-endian floats: every CLIP tool writes these, and anything else would need a
// byte-swapping path nobody can test against real data.
const DTYPES: Record<string, { dtype: NpyDtype; itemSize: number }> = {
  '<f2': { dtype: 'float16', itemSize: 2 },
  '<f4': { dtype: 'float32', itemSize: 4 },
  '<f8': { dtype: 'float64', itemSize: 8 },
};

/** Byte length a header prefix needs before parseNpyHeader can succeed (enough for any real header). */
export const NPY_HEADER_PROBE_BYTES = 64 * 1024;

/** Parses the header at the start of `buf`; `file` names the file in errors. */
export function parseNpyHeader(buf: Buffer, file: string): NpyHeader {
  if (buf.length < 10 || !buf.subarray(0, 6).equals(MAGIC)) {
    throw badInput(file, 'not a .npy file (bad magic bytes)');
  }
  const major = buf[6];
  if (major !== 1 && major !== 2 && major !== 3) throw badInput(file, `unsupported .npy format version ${major}`);
  const lenBytes = major === 1 ? 2 : 4;
  if (buf.length < 8 + lenBytes) throw badInput(file, 'truncated .npy header');
  const headerLen = major === 1 ? buf.readUInt16LE(8) : buf.readUInt32LE(8);
  const start = 8 + lenBytes;
  if (buf.length < start + headerLen) throw badInput(file, 'truncated .npy header');
  const text = buf.subarray(start, start + headerLen).toString(major === 3 ? 'utf8' : 'latin1');

  const descr = /['"]descr['"]\s*:\s*['"]([^'"]*)['"]/.exec(text)?.[1];
  const fortran = /['"]fortran_order['"]\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /['"]shape['"]\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw badInput(file, 'malformed .npy header (needs descr, fortran_order and shape)');
  }
  const type = DTYPES[descr];
  if (!type) throw badInput(file, `unsupported dtype '${descr}' (expected little-endian float: <f2, <f4 or <f8)`);
  if (fortran === 'True') throw badInput(file, 'Fortran-order arrays are not supported (save with C order)');

  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (/^\d+L?$/.test(s) ? Number.parseInt(s, 10) : NaN));
  if (shape.some((n) => !Number.isSafeInteger(n))) throw badInput(file, `malformed shape (${shapeText})`);
  if (shape.length !== 1 && shape.length !== 2) {
    throw badInput(file, `expected a 1-D or 2-D array, found shape (${shape.join(', ')})`);
  }
  const [rows, dim] = shape.length === 1 ? [1, shape[0]] : [shape[0], shape[1]];
  return { ...type, shape, rows, dim, dataOffset: start + headerLen };
}
