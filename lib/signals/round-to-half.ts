// Rounds a vector to float16 precision, the values pgvector's halfvec keeps, fast enough to run on every ingested row.

// Bits of float16's smallest normal, 2^-14, as a float32 exponent field (127 - 14).
const HALF_MIN_NORMAL_EXP = 113;
const TWO_24 = 2 ** 24;

/**
 * Each value rounded to the nearest float16 (ties to even), returned as float32 — the same as encoding with
 * lib/db/encode-float16 and decoding again, but on the float32 bits: dropping 13 mantissa bits with a
 * round-to-even carry, and for float16's subnormals (below 2^-14) rounding to a multiple of 2^-24. Values stay
 * far below float16's overflow (65504) in unit-length embeddings, so that case is not handled.
 */
export function roundToHalf(v: Float32Array): Float32Array {
  const out = new Float32Array(v.length);
  const inBits = new Uint32Array(v.buffer, v.byteOffset, v.length);
  const outBits = new Uint32Array(out.buffer);
  for (let i = 0; i < v.length; i++) {
    const bits = inBits[i];
    if (((bits >>> 23) & 0xff) >= HALF_MIN_NORMAL_EXP) {
      outBits[i] = (bits + 0xfff + ((bits >>> 13) & 1)) & 0xffffe000;
    } else {
      const s = v[i] * TWO_24; // exact: a power-of-two scale
      let k = Math.round(s); // halves go up; make them go to even
      if (k - s === 0.5 && k % 2 !== 0) k -= 1;
      out[i] = k / TWO_24;
    }
  }
  return out;
}
