import { describe, expect, it } from 'vitest';
import { decodeFloat16 } from './decode-float16';

describe('decodeFloat16', () => {
  it('decodes normal numbers exactly', () => {
    expect(decodeFloat16(0x3c00)).toBe(1);
    expect(decodeFloat16(0xc000)).toBe(-2);
    expect(decodeFloat16(0x3555)).toBe(0.333251953125);
    expect(decodeFloat16(0x7bff)).toBe(65504); // largest finite half
    expect(decodeFloat16(0x0400)).toBe(2 ** -14); // smallest normal
  });

  it('decodes subnormals (bit patterns numpy gives for 6e-8 and 1e-5)', () => {
    expect(decodeFloat16(0x0001)).toBe(2 ** -24);
    expect(decodeFloat16(168)).toBe(168 * 2 ** -24);
    expect(decodeFloat16(0x03ff)).toBe(1023 * 2 ** -24); // largest subnormal
    expect(decodeFloat16(0x8001)).toBe(-(2 ** -24));
  });

  it('decodes signed zeros, infinities and NaN', () => {
    expect(Object.is(decodeFloat16(0x0000), 0)).toBe(true);
    expect(Object.is(decodeFloat16(0x8000), -0)).toBe(true);
    expect(decodeFloat16(0x7c00)).toBe(Infinity);
    expect(decodeFloat16(0xfc00)).toBe(-Infinity);
    expect(decodeFloat16(0x7e00)).toBeNaN();
    expect(decodeFloat16(0x7c01)).toBeNaN();
    expect(decodeFloat16(0xfe00)).toBeNaN();
  });
});
