// Test support: deterministic export rows covering nulls, unicode, CSV-hostile captions and JSON extras.
import type { ExportRow } from '../types';

/** Extra columns the rows carry: a number, an object, a string with CSV specials, and one no row has. */
export const EXTRA_COLUMNS = ['score', 'exif', 'note', 'missing'];

/** Cycled through by makeExportRows; covers every quoting case of CSV and JSON, and HTML. */
export const CAPTIONS: readonly (string | null)[] = [
  'a cat, sitting on a mat',
  'she said "hello", then left',
  'first line\nsecond line',
  'windows\r\nline break',
  'a bare\rcarriage return',
  'unicode: café 北京 😀 \u202e reversed \u0000 nul',
  '<script>alert("x")</script>',
  '',
  null,
  '  leading and trailing spaces  ',
  '"',
  ',',
];

// Float32-exact, so parquet's FLOAT columns can be compared with equality.
const f32 = (x: number) => Math.fround(x);

/** Rows `start` .. `start + count - 1`; the same arguments always give the same rows. */
export function makeExportRows(count: number, start = 0): ExportRow[] {
  const rows: ExportRow[] = [];
  for (let i = start; i < start + count; i++) {
    rows.push({
      // Past 2^31, so sieve_id must really be int64.
      id: 3_000_000_000 + i,
      url: i % 7 === 3 ? null : `https://example.org/images/${i}.jpg?size=large&q="x"`,
      caption: CAPTIONS[i % CAPTIONS.length],
      width: i % 5 === 0 ? null : 200 + (i % 1000),
      height: i % 5 === 1 ? null : 100 + (i % 777),
      similarity: i % 6 === 0 ? null : f32(0.25 + (i % 100) / 1000),
      punsafe: i % 6 === 1 ? null : f32((i % 1000) / 1e6),
      pwatermark: i % 6 === 2 ? null : f32(1 - (i % 50) / 50),
      aesthetic: i % 6 === 3 ? null : f32(4 + (i % 30) / 7),
      hash: i % 4 === 0 ? null : String(-9_000_000_000_000_000_000n + BigInt(i) * 7_919n),
      license: i % 3 === 0 ? null : '?',
      language: ['en', 'de', '', null][i % 4],
      nsfw: ['UNLIKELY', 'NSFW', null][i % 3],
      sampleId: i % 9 === 0 ? null : String(i).padStart(9, '0'),
      extra:
        i % 8 === 0
          ? null
          : {
              score: i % 2 === 0 ? i / 4 : null,
              ...(i % 3 === 0 ? { exif: { Make: 'Canon', iso: 100 + (i % 10), tags: ['a', 'b,"c"'] } } : {}),
              note: `note ${i}, "quoted"\nnext line`,
              ignored: 'not exported',
            },
    });
  }
  return rows;
}
