// IEEE 754 half-precision decoding for .npy `<f2` embeddings (Node 20 has no Float16Array).

// 65,536 entries (256 KiB) built once: a lookup beats bit-twiddling per element when
// reading millions of 512-dim rows.
let table: Float32Array | null = null;

function decodeBits(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24; // zero and subnormals
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

/** The float value of one half-precision bit pattern (0..0xffff). */
export function decodeFloat16(bits: number): number {
  if (!table) {
    table = new Float32Array(0x10000);
    for (let i = 0; i < 0x10000; i++) table[i] = decodeBits(i);
  }
  return table[bits & 0xffff];
}
