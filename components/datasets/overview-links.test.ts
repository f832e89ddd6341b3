import { describe, expect, it } from 'vitest';
import { SearchQuery } from '@/lib/search/schemas';
import { readSearchState, toSearchInput } from '../search/search-params';
import { binHref, categoryHref, flaggedHref } from './overview-links';

const queryOf = (href: string) => new URLSearchParams(href.split('?')[1]);

describe('overview links', () => {
  const scores = [{ lo: 0, hi: 0.05, count: 3 }, { lo: 0.05, hi: 0.1, count: 1 }];
  const widths = [{ lo: 256, hi: 384, count: 3 }, { lo: 384, hi: 512, count: 1 }];

  it('opens the search page filtered to a bar, in the search page own URL scheme', () => {
    expect(binHref('photos', 'punsafe', scores, 0)).toBe('/?dataset=photos&punsafeMin=0&punsafeMax=0.05');
    expect(binHref('photos', 'width', widths, 0)).toBe('/?dataset=photos&widthMin=256&widthMax=383');
    // The last bar includes its upper end.
    expect(binHref('photos', 'width', widths, 1)).toBe('/?dataset=photos&widthMin=384&widthMax=512');
    const input = toSearchInput(readSearchState(queryOf(binHref('photos', 'similarity', [{ lo: 0.3, hi: 0.31, count: 1 }], 0))));
    expect(input).toMatchObject({ dataset: 'photos', similarityMin: 0.3, similarityMax: 0.31, flagState: 'unflagged' });
    expect(SearchQuery.safeParse(input).success).toBe(true);
  });

  it('holds an edge past the filter bound at the bound', () => {
    expect(binHref('d', 'aesthetic', [{ lo: 9.5, hi: 10.5, count: 1 }], 0)).toBe('/?dataset=d&aestheticMin=9.5&aestheticMax=10');
  });

  it('links a domain, language or licence, and nothing for a missing value', () => {
    expect(categoryHref('photos', 'domain', 'flickr.com')).toBe('/?dataset=photos&domain=flickr.com');
    expect(categoryHref('photos', 'license', 'cc-by-sa')).toBe('/?dataset=photos&license=cc-by-sa');
    expect(categoryHref('photos', 'language', null)).toBeNull();
    expect(categoryHref('photos', 'language', ' ')).toBeNull();
    expect(flaggedHref('photos')).toBe('/?dataset=photos&flagState=flagged');
  });
});
