import { describe, expect, it } from 'vitest';
import { resolveColumns } from './resolve-columns';

describe('resolveColumns', () => {
  it('matches aliases in any case and sends the rest to extra', () => {
    expect(resolveColumns(['URL', 'TEXT', '__index_level_0__', 'exif'])).toEqual({ fields: { url: 'URL', caption: 'TEXT' }, extra: ['exif'] });
  });

  it('prefers the more specific alias and keeps the loser in extra', () => {
    const m = resolveColumns(['text', 'caption', 'AESTHETIC', 'aesthetic_score', 'lang']);
    expect(m.fields).toEqual({ caption: 'caption', aesthetic: 'aesthetic_score', language: 'lang' });
    expect(m.extra).toEqual(['text', 'AESTHETIC']);
  });

  it('on a case clash takes the first column', () => {
    expect(resolveColumns(['url', 'URL'])).toEqual({ fields: { url: 'url' }, extra: ['URL'] });
  });
});
