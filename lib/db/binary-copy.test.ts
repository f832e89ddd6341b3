import { describe, expect, it } from 'vitest';
import { BinaryCopyBuffer } from './binary-copy';
import { encodeFloat16 } from './encode-float16';

describe('BinaryCopyBuffer.halfvec', () => {
  it("writes pgvector's halfvec receive format: length, dimension, unused, then big-endian halves", () => {
    const v = Float32Array.from({ length: 515 }, (_, i) => Math.sin(i * 7.3) * (i % 5 === 0 ? 70_000 : 1));
    v[3] = Number.NaN;
    v[4] = -0;
    const bytes = new BinaryCopyBuffer(16).halfvec(v).halfvec(v.subarray(0, 3)).take();
    const expectOne = (at: number, w: Float32Array) => {
      expect(bytes.readInt32BE(at)).toBe(4 + w.length * 2);
      expect(bytes.readInt16BE(at + 4)).toBe(w.length);
      expect(bytes.readInt16BE(at + 6)).toBe(0);
      for (let i = 0; i < w.length; i++) expect(bytes.readUInt16BE(at + 8 + 2 * i)).toBe(encodeFloat16(w[i]));
      return at + 8 + 2 * w.length;
    };
    const end = expectOne(expectOne(0, v), v.subarray(0, 3));
    expect(end).toBe(bytes.length);
  });
});
