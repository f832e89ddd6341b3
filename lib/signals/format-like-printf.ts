// Formats a number as C's printf('%f') does, which the NSFW model's string lookup tables were keyed with.

/**
 * `printf("%f", v)`: six decimals, ties rounded half to even on the exact binary value (glibc), `-` kept on
 * negative zero and on negatives that round to zero, `nan`/`inf` spelled C's way. JavaScript's toFixed differs
 * in two places: it rounds exact ties away from zero and drops the sign of -0. An exact tie at the seventh
 * decimal is an odd multiple of 1/128 (v · 10⁶ = k + ½ needs v = j / 2⁷ with j odd), and float16-derived
 * CLIP values hit those, so they are handled exactly.
 */
export function formatLikePrintf(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  const negative = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  const scaled = a * 128;
  let body: string;
  if (Number.isInteger(scaled) && scaled % 2 === 1) {
    // a · 10⁶ = j · 7812.5 is exact in a double, so floor gives k exactly; keep the even neighbour.
    const k = Math.floor(a * 1e6);
    const n = k % 2 === 0 ? k : k + 1;
    body = `${Math.floor(n / 1e6)}.${String(n % 1e6).padStart(6, '0')}`;
  } else {
    body = a.toFixed(6);
  }
  return negative ? `-${body}` : body;
}
