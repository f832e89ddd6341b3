import { describe, expect, it } from 'vitest';
import { decodeFloat16 } from './decode-float16';
import { encodeFloat16 } from './encode-float16';

const hex = (bits: number) => `0x${bits.toString(16).padStart(4, '0')}`;

describe('encodeFloat16', () => {
  it.each([
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.5, 0x3800],
    [1 / 3, 0x3555],
    [Math.PI, 0x4248],
    [65504, 0x7bff], // largest finite half
    [65519, 0x7bff], // just under the midpoint to infinity
    [65520, 0x7c00], // the midpoint rounds to even, which is infinity
    [-65520, 0xfc00],
    [1e6, 0x7c00],
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [2 ** -14, 0x0400], // smallest normal
    [1023 * 2 ** -24, 0x03ff], // largest subnormal
    [6e-8, 0x0001], // rounds to the smallest subnormal, 2^-24 ≈ 5.96e-8
    [-6e-8, 0x8001],
    [2 ** -25, 0x0000], // exactly half the smallest subnormal: ties to even (zero)
    [1.5 * 2 ** -25, 0x0001],
    [3 * 2 ** -25, 0x0002], // 1.5 ulp: ties to even (2)
    [1e-10, 0x0000],
    [-1e-10, 0x8000],
    [1 + 2 ** -11, 0x3c00], // tie between 1 and 1+2^-10 goes to the even mantissa
    [1 + 3 * 2 ** -11, 0x3c02],
    [2047.5, 0x6800], // tie between 2047 (0x67ff, odd) and 2048: the carry crosses into the next exponent
  ])('%d → %s', (value, bits) => {
    expect(hex(encodeFloat16(value))).toBe(hex(bits));
  });

  it('encodes NaN as a NaN', () => {
    const bits = encodeFloat16(NaN);
    expect(bits & 0x7c00).toBe(0x7c00);
    expect(bits & 0x03ff).not.toBe(0);
    expect(decodeFloat16(bits)).toBeNaN();
  });

  it('round-trips every finite and infinite half through the decoder', () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      const value = decodeFloat16(bits);
      if (Number.isNaN(value)) continue;
      if (encodeFloat16(value) !== bits) throw new Error(`${hex(bits)} → ${value} → ${hex(encodeFloat16(value))}`);
    }
  });

  it('rounds every midpoint between adjacent positive halves to the even one, and its neighbours to the nearer', () => {
    const f32 = new Float32Array(1);
    const u32 = new Uint32Array(f32.buffer);
    const nextFloat32 = (x: number, dir: 1 | -1) => {
      f32[0] = x;
      u32[0] += dir; // x > 0, so the next bit pattern is the next float32 in that direction
      return f32[0];
    };
    for (let bits = 0; bits < 0x7bff; bits++) {
      const low = decodeFloat16(bits);
      const high = decodeFloat16(bits + 1);
      const mid = (low + high) / 2; // needs 12 significant bits: exact in float32
      const even = bits % 2 === 0 ? bits : bits + 1;
      if (encodeFloat16(mid) !== even) throw new Error(`midpoint of ${hex(bits)}: ${hex(encodeFloat16(mid))}`);
      if (mid > 0 && encodeFloat16(nextFloat32(mid, -1)) !== bits) throw new Error(`below midpoint of ${hex(bits)}`);
      if (encodeFloat16(nextFloat32(mid, 1)) !== bits + 1) throw new Error(`above midpoint of ${hex(bits)}`);
    }
  });
});
