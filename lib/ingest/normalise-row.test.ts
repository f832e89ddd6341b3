import { asyncBufferFromFile, parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import { describe, expect, it } from 'vitest';
import { normaliseRow } from './normalise-row';
import { resolveColumns } from './resolve-columns';
import { LAION_FIELDS } from '../pairs/laion-fields';
import { SHARED_DATA } from '../../test/shared-data';

const ctx = { file: 'part-00000.parquet', row: 4, root: '/data/laion' };

describe('normaliseRow', () => {
  it('fills every LAION field from its first alias, coerced by its kind (lib/pairs/laion-fields)', () => {
    const raw = Object.fromEntries(LAION_FIELDS.map((f) => [f.aliases[0].toUpperCase(), '12.6']));
    const r = normaliseRow(raw, ctx) as unknown as Record<string, unknown>;
    const byKind = { text: '12.6', integer: 13, number: 12.6 };
    for (const f of LAION_FIELDS) expect(r[f.key], f.key).toBe(f.key === 'imagePath' ? '/data/laion/12.6' : byKind[f.kind]);
    expect(r.extra).toBeNull();
  });

  it('maps the first real row of test_1000.parquet (URL, TEXT, pandas index dropped)', async () => {
    const file = await asyncBufferFromFile(`${SHARED_DATA}/laion-sample/test_1000.parquet`);
    const [raw] = await parquetReadObjects({ file, compressors, rowStart: 0, rowEnd: 1 });
    expect(normaliseRow(raw, { ...ctx, row: 0 })).toEqual({
      sourceFile: 'part-00000.parquet',
      sourceRow: 0,
      url: 'http://direct.rhapsody.com/imageserver/v2/albums/Alb.131805200/images/170x170.jpg',
      caption: 'Classical Masterpieces: Xerses & More, Vol. 8 by Various Artists',
      width: null, height: null, similarity: null, punsafe: null, pwatermark: null, aesthetic: null,
      license: null, language: null, nsfw: null, hash: null, sampleId: null, imagePath: null,
      extra: null, imgEmb: null, txtEmb: null,
    });
  });

  it('maps LAION-5B upper-case columns and coerces types', () => {
    const raw = {
      SAMPLE_ID: 1234567890123456789n,
      URL: 'https://example.com/a.jpg',
      TEXT: 'a cat',
      HEIGHT: 300n,
      WIDTH: 451.0,
      LICENSE: '?',
      NSFW: 'UNLIKELY',
      similarity: 0.3125,
      LANGUAGE: 'en',
      AESTHETIC_SCORE: '5.5',
      punsafe: NaN,
      pwatermark: 0.07,
      hash: -4612468459264155008n,
      __index_level_0__: 17n,
    };
    const r = normaliseRow(raw, ctx);
    expect(r).toMatchObject({
      sourceFile: 'part-00000.parquet', sourceRow: 4, url: 'https://example.com/a.jpg', caption: 'a cat',
      width: 451, height: 300, similarity: 0.3125, punsafe: null, pwatermark: 0.07, aesthetic: 5.5,
      license: '?', nsfw: 'UNLIKELY', language: 'en', hash: '-4612468459264155008', sampleId: '1234567890123456789',
      extra: null,
    });
  });

  it('accepts lower-case aliases: caption, lang, key, aesthetic, image_path (resolved against the root)', () => {
    const r = normaliseRow({ url: null, caption: 'x', lang: 'de', key: '000000042', aesthetic: 6, image_path: 'imgs/1.jpg' }, ctx);
    expect(r).toMatchObject({ url: null, caption: 'x', language: 'de', sampleId: '000000042', aesthetic: 6, imagePath: '/data/laion/imgs/1.jpg' });
    expect(normaliseRow({ image_path: '/abs/2.png' }, ctx).imagePath).toBe('/abs/2.png');
  });

  it('keeps unknown columns in extra as JSON-safe values', () => {
    const r = normaliseRow(
      {
        url: 'u', caption: 'c', __index_level_0__: 3n,
        status: 'success', original_width: 1024n, seen: new Date(Date.UTC(2022, 0, 2)),
        score: Infinity, exif: { Make: 'Canon', n: 5n }, tags: ['a', 1n], bytes: new Uint8Array([1, 2, 3]), missing: null,
      },
      ctx,
    );
    expect(r.extra).toEqual({
      status: 'success', original_width: '1024', seen: '2022-01-02T00:00:00.000Z', score: null,
      exif: { Make: 'Canon', n: '5' }, tags: ['a', '1'], bytes: 'AQID', missing: null,
    });
    expect(() => JSON.stringify(r.extra)).not.toThrow();
  });

  it('rejects non-numbers and bad sizes as null instead of guessing', () => {
    const r = normaliseRow({ url: 'u', width: 'wide', height: -5, similarity: '', punsafe: '  0.25 ' }, ctx);
    expect(r).toMatchObject({ width: null, height: null, similarity: null, punsafe: 0.25 });
  });

  it('uses a precomputed column map when given', () => {
    const columns = resolveColumns(['Url', 'Caption', 'other']);
    expect(normaliseRow({ Url: 'u', Caption: 'c', other: 1 }, { ...ctx, columns })).toMatchObject({ url: 'u', caption: 'c', extra: { other: 1 } });
  });

  it('keeps NUL characters, which PostgreSQL text refuses, visible as U+FFFD in fields, extras and their keys', () => {
    const r = normaliseRow({ url: 'u', caption: 'a\u0000b', odd: { 'k\u0000': ['x\u0000'] } }, ctx);
    expect(r.caption).toBe('a\uFFFDb');
    expect(JSON.stringify(r.extra)).toBe('{"odd":{"k\uFFFD":["x\uFFFD"]}}');
  });

  it('keeps columns named __proto__ and constructor as data, polluting no prototype', () => {
    const raw = JSON.parse('{"url": "u", "__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}') as Record<string, unknown>;
    const r = normaliseRow(raw, ctx);
    expect(JSON.parse(JSON.stringify(r.extra))).toEqual(JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}'));
    expect(Object.keys(r.extra!)).toEqual(['__proto__', 'constructor']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
