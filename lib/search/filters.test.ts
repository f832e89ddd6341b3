import { describe, expect, it } from 'vitest';
import { SqlParams } from '../db/sql-params';
import { compileFilters, FILTER_RULES, normaliseDomain } from './filters';
import { SearchFilters } from './schemas';

const compile = (raw: unknown) => {
  const params = new SqlParams();
  return { sql: compileFilters(SearchFilters.parse(raw), params), values: params.values };
};

describe('compileFilters', () => {
  it('hides flagged pairs by default and nothing else', () => {
    expect(compile({})).toEqual({
      sql: ["NOT EXISTS (SELECT 1 FROM flags f WHERE f.pair_id = p.id AND f.state IN ('open', 'confirmed'))"],
      values: [],
    });
    expect(compile({ flagState: 'any' })).toEqual({ sql: [], values: [] });
    expect(compile({ flagState: 'flagged' }).sql[0]).toMatch(/^EXISTS/);
  });

  it('binds every value as a parameter, in the allow-list order', () => {
    const { sql, values } = compile({ flagState: 'any', domain: 'WWW.Flickr.com', widthMin: 256, punsafeMax: 0.1, language: 'EN', aestheticMin: 6 });
    expect(sql).toEqual([
      '(p.punsafe IS NULL OR p.punsafe <= $1)',
      'p.aesthetic >= $2',
      'p.width >= $3',
      'lower(p.language) = $4',
      "(p.domain = $5 OR right(p.domain, length($5) + 1) = '.' || $5)",
    ]);
    expect(values).toEqual([0.1, 6, 256, 'en', 'flickr.com']);
  });

  it('takes both ends of a range: the lower end and the upper end both keep their bound, and drop pairs without the value', () => {
    const { sql, values } = compile({ flagState: 'any', punsafeMin: 0.2, punsafeMax: 0.3, widthMin: 256, widthMax: 511, similarityMax: 0.3, aestheticMax: 6, pwatermarkMin: 0.5, heightMax: 99 });
    expect(sql).toEqual([
      '(p.punsafe IS NULL OR p.punsafe <= $1)',
      'p.punsafe >= $2',
      'p.pwatermark >= $3',
      'p.aesthetic <= $4',
      'p.similarity <= $5',
      'p.width >= $6',
      'p.width <= $7',
      'p.height <= $8',
    ]);
    expect(values).toEqual([0.3, 0.2, 0.5, 6, 0.3, 256, 511, 99]);
    expect(SearchFilters.safeParse({ widthMax: 1.5 }).success).toBe(false);
    expect(SearchFilters.safeParse({ punsafeMin: 1.1 }).success).toBe(false);
  });

  it('keeps pairs without a violence score under violenceMax', () => {
    const { sql, values } = compile({ flagState: 'any', violenceMax: 0.5 });
    expect(sql).toEqual(['(p.violence IS NULL OR p.violence <= $1)']);
    expect(values).toEqual([0.5]);
    // Hiding is no filter: hidden pairs are not in shown_pairs, whatever a request asks.
    expect(compile({ flagState: 'any', excludeHidden: false } as never)).toEqual({ sql: [], values: [] });
  });

  it('never puts user text into SQL', () => {
    const { sql } = compile({ license: "x'; DROP TABLE pairs; --", domain: '%_%' });
    expect(sql.join(' ')).not.toMatch(/DROP|%_%/);
  });

  it('has a rule for every filter the schema accepts', () => {
    expect(Object.keys(FILTER_RULES).sort()).toEqual(Object.keys(SearchFilters.shape).sort());
  });

  it('normalises domains the way ingest stores them', () => {
    expect(normaliseDomain(' www.Example.ORG. ')).toBe('example.org');
  });
});
