// Test support: writes a .npy file byte by byte, so tests can build exact (and deliberately broken) inputs.
import { writeFile } from 'node:fs/promises';

export interface NpySpec {
  descr: string;
  shape: number[];
  /** Raw little-endian element bytes, or float32 values when descr is '<f4'. */
  data: Buffer | Float32Array;
  version?: 1 | 2 | 3;
  fortran?: boolean;
}

export async function writeNpy(path: string, spec: NpySpec): Promise<void> {
  const version = spec.version ?? 1;
  const shape = spec.shape.length === 1 ? `(${spec.shape[0]},)` : `(${spec.shape.join(', ')})`;
  let dict = `{'descr': '${spec.descr}', 'fortran_order': ${spec.fortran ? 'True' : 'False'}, 'shape': ${shape}, }`;
  const prefixLen = version === 1 ? 10 : 12;
  // numpy pads the header with spaces so the data starts on a 64-byte boundary, ending in '\n'.
  const total = Math.ceil((prefixLen + dict.length + 1) / 64) * 64;
  dict = dict.padEnd(total - prefixLen - 1, ' ') + '\n';
  const prefix = Buffer.alloc(prefixLen);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]).copy(prefix);
  if (version === 1) prefix.writeUInt16LE(dict.length, 8);
  else prefix.writeUInt32LE(dict.length, 8);
  const data = spec.data instanceof Float32Array ? Buffer.from(spec.data.buffer, spec.data.byteOffset, spec.data.byteLength) : spec.data;
  await writeFile(path, Buffer.concat([prefix, Buffer.from(dict, version === 3 ? 'utf8' : 'latin1'), data]));
}
