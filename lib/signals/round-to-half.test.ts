import { describe, expect, it } from 'vitest';
import { encodeFloat16 } from '../db/encode-float16';
import { decodeFloat16 } from '../db/decode-float16';
import { roundToHalf } from './round-to-half';

const viaCodec = (v: Float32Array) => Float32Array.from(v, (x) => decodeFloat16(encodeFloat16(x)));
const sameBits = (a: Float32Array, b: Float32Array) => expect(Array.from(new Uint32Array(a.buffer))).toEqual(Array.from(new Uint32Array(b.buffer)));

describe('roundToHalf', () => {
  it('matches encoding to float16 and decoding, bit for bit, over every float16 and the midpoints between them', () => {
    const values: number[] = [];
    for (let h = 0; h < 0x7c00; h++) {
      const a = decodeFloat16(h);
      const b = decodeFloat16(h + 1);
      values.push(a, -a, (a + b) / 2, -(a + b) / 2, Math.fround(a + (b - a) / 3), -Math.fround(a + (b - a) * 0.7));
    }
    const v = Float32Array.from(values.filter((x) => Math.abs(x) < 65504));
    sameBits(roundToHalf(v), viaCodec(v));
  });

  it('matches over random unit-scale values, and keeps the sign of zero', () => {
    let s = 12345;
    const v = Float32Array.from({ length: 100_000 }, () => {
      s = (s * 1103515245 + 12345) % 2 ** 31;
      return ((s / 2 ** 31 - 0.5) * 2) ** 5; // many tiny values, where float16 is subnormal
    });
    sameBits(roundToHalf(v), viaCodec(v));
    sameBits(roundToHalf(Float32Array.of(-0, 0, -1e-9)), Float32Array.of(-0, 0, -0));
  });

  it('reads a view into a larger buffer at its own offset', () => {
    const big = Float32Array.of(9, 0.1, 0.2, 9);
    sameBits(roundToHalf(big.subarray(1, 3)), viaCodec(Float32Array.of(0.1, 0.2)));
  });
});
