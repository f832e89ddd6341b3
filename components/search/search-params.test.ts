import { describe, expect, it } from 'vitest';
import { SearchQuery } from '@/lib/search/schemas';
import { countFilters, emptySearchState, readSearchState, toSearchInput, writeSearchState } from './search-params';

const read = (query: string) => readSearchState(new URLSearchParams(query));

describe('search state in the URL', () => {
  it('round-trips every field, leaving defaults out of the URL', () => {
    const query = 'dataset=photos&q=red+car&mode=hybrid&modality=text&punsafeMax=0.1&widthMin=256&domain=flickr.com&flagState=any&dedupe=1';
    expect(writeSearchState(read(query)).toString()).toBe(query);
    expect(writeSearchState(emptySearchState()).toString()).toBe('');
  });

  it('keeps both ends of a range (the dataset overview links with them) and sends them to the API', () => {
    const query = 'dataset=photos&punsafeMin=0.2&punsafeMax=0.3&widthMin=256&widthMax=511';
    expect(writeSearchState(read(query)).toString()).toBe(query);
    const input = toSearchInput(read(query));
    expect(input).toMatchObject({ punsafeMin: 0.2, punsafeMax: 0.3, widthMin: 256, widthMax: 511 });
    expect(SearchQuery.safeParse(input).success).toBe(true);
    expect(countFilters(read(query))).toBe(4);
  });

  it('drops values the API would refuse instead of failing', () => {
    const s = read('punsafeMax=7&widthMin=-1&pairId=abc&flagState=maybe&modality=audio&imageUrl=notaurl&mode=psychic');
    expect(s).toEqual(emptySearchState());
  });

  it('builds requests the API schema accepts: text, keyword or both, and one vector query at most', () => {
    const hybrid = toSearchInput(read('q=a+cat&mode=hybrid&aestheticMin=5'));
    expect(hybrid).toMatchObject({ text: 'a cat', keyword: 'a cat', aestheticMin: 5 });
    expect(toSearchInput(read('q=a+cat&mode=keyword'))).not.toHaveProperty('text');
    const pair = toSearchInput(read('pairId=12&q=ignored'));
    expect(pair.pairId).toBe(12);
    expect(pair).not.toHaveProperty('text');
    for (const input of [hybrid, pair]) expect(SearchQuery.safeParse(input).success).toBe(true);
  });

  it('counts the filters that differ from the defaults', () => {
    expect(countFilters(read('punsafeMax=0.2&language=en&dedupe=1'))).toBe(3);
    expect(countFilters(read('q=x'))).toBe(0);
  });
});
