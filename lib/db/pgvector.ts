// pgvector's text form of vector / halfvec values, both ways, and halfvec's binary form.
import { decodeFloat16 } from './decode-float16';

/**
 * halfvec keeps ~3 significant digits, and components of a unit vector below 1e-6 move no cosine, so
 * six decimals lose nothing it stores. Rounding by arithmetic rather than toPrecision: formatting was
 * half of the ingest time (bench/ingest.bench.ts).
 */
export function vectorText(v: ArrayLike<number> | null): string | null {
  if (!v) return null;
  let s = '[';
  for (let i = 0; i < v.length; i++) s += (i ? ',' : '') + Math.round(v[i] * 1e6) / 1e6;
  return `${s}]`;
}

/** Reads '[0.1,-0.2,…]' as node-postgres returns a vector or halfvec column (pgvector has no fixed type OID). */
export function parseVectorText(text: string | null): Float32Array | null {
  if (text === null) return null;
  return Float32Array.from(JSON.parse(text) as number[]);
}

/**
 * Reads halfvec_send's bytes: int16 dimension, int16 unused, then big-endian halves. Half the bytes of the text form
 * and no number parsing: 8,000 ViT-B/32 vectors as text cost seconds of the thread that answers requests.
 */
export function parseHalfvecBinary(bytes: Uint8Array | null): Float32Array | null {
  if (bytes === null) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dim = view.getInt16(0);
  const out = new Float32Array(dim);
  for (let i = 0; i < dim; i++) out[i] = decodeFloat16(view.getUint16(4 + 2 * i));
  return out;
}
