// IEEE 754 half-precision encoding for .npy `<f2` embeddings (the inverse of lib/db/decode-float16.ts).

// One scratch float reinterpreted as its bits: Node 20 has no Float16Array or Math.f16round.
const scratch = new Float32Array(1);
const scratchBits = new Uint32Array(scratch.buffer);

/**
 * The half-precision bit pattern (0..0xffff) nearest to `value` taken as a float32 (the
 * embeddings are float32), rounding ties to even: halves below 2^-14 become subnormals or
 * ±0, values from 65520 up become ±Infinity, NaN stays a (quiet) NaN.
 */
export function encodeFloat16(value: number): number {
  scratch[0] = value;
  const bits = scratchBits[0];
  const sign = (bits >>> 16) & 0x8000;
  const exponent = (bits >>> 23) & 0xff;
  const mantissa = bits & 0x7fffff;

  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0);
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00;
  if (halfExponent <= 0) {
    // Subnormal half: shift the 24-bit significand (implicit 1 restored) down to units of 2^-24.
    const shift = 14 - halfExponent;
    // Below half of the smallest subnormal (2^-25) everything rounds to zero.
    if (shift > 24) return sign;
    return sign | roundShift(mantissa | 0x800000, shift);
  }
  // A carry out of the mantissa bumps the exponent, which is exactly right, up to Infinity.
  return sign | ((halfExponent << 10) + roundShift(mantissa, 13));
}

/** value >> shift, rounded to nearest with ties to even. */
function roundShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value & ((1 << shift) - 1);
  const half = 1 << (shift - 1);
  return rest > half || (rest === half && kept & 1) ? kept + 1 : kept;
}
