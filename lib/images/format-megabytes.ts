// How a byte limit reads in messages to people.
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  // Small limits (tests, tight configs) would otherwise read as "0 MB".
  return mb >= 1 ? String(Math.round(mb * 10) / 10) : String(Number(mb.toPrecision(2)));
}
