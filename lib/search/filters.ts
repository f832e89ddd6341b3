// The filter allow-list: each search filter's SQL and meaning in one table, compiled to WHERE clauses.
import type { SqlParams } from '../db/sql-params';
import { FLAGGED } from '../pairs/sql';
import type { SearchFilters } from './schemas';

interface FilterRule<V> {
  /** What the filter keeps, for docs and error messages. */
  describe: string;
  /** A boolean SQL expression over `pairs p`, or null when the value filters nothing. */
  toSql(value: V, params: SqlParams): string | null;
}

type Rules = { [K in keyof SearchFilters]-?: FilterRule<NonNullable<SearchFilters[K]>> };

// Scores a source never had (punsafe in a captions-only parquet) keep their pairs: otherwise a safety
// threshold would empty every dataset that lacks the column instead of filtering it.
const atMost = (column: string) => (v: number, p: SqlParams) => `(p.${column} IS NULL OR p.${column} <= ${p.add(v)})`;
const atLeast = (column: string) => (v: number, p: SqlParams) => `p.${column} >= ${p.add(v)}`;
// The upper end of a range (a histogram bar on the dataset overview): a pair without the value is not in any range.
const upTo = (column: string) => (v: number, p: SqlParams) => `p.${column} <= ${p.add(v)}`;
const sameText = (column: string) => (v: string, p: SqlParams) => `lower(p.${column}) = ${p.add(v.toLowerCase())}`;

/** Hosts are stored lowercased without "www."; the filter takes the domain and any subdomain of it. */
export function normaliseDomain(raw: string): string {
  return raw.trim().toLowerCase().replace(/^www\./, '').replace(/\.$/, '');
}

export const FILTER_RULES: Rules = {
  punsafeMax: { describe: 'punsafe at most this (pairs without punsafe kept)', toSql: atMost('punsafe') },
  punsafeMin: { describe: 'punsafe at least this', toSql: atLeast('punsafe') },
  pwatermarkMax: { describe: 'pwatermark at most this (pairs without pwatermark kept)', toSql: atMost('pwatermark') },
  pwatermarkMin: { describe: 'pwatermark at least this', toSql: atLeast('pwatermark') },
  violenceMax: { describe: 'violence probability at most this (pairs not scored kept)', toSql: atMost('violence') },
  aestheticMin: { describe: 'aesthetic score at least this', toSql: atLeast('aesthetic') },
  aestheticMax: { describe: 'aesthetic score at most this', toSql: upTo('aesthetic') },
  similarityMin: { describe: 'CLIP image–caption similarity at least this', toSql: atLeast('similarity') },
  similarityMax: { describe: 'CLIP image–caption similarity at most this', toSql: upTo('similarity') },
  widthMin: { describe: 'width in pixels at least this', toSql: atLeast('width') },
  widthMax: { describe: 'width in pixels at most this', toSql: upTo('width') },
  heightMin: { describe: 'height in pixels at least this', toSql: atLeast('height') },
  heightMax: { describe: 'height in pixels at most this', toSql: upTo('height') },
  language: { describe: 'language code equal to this (any case)', toSql: sameText('language') },
  license: { describe: 'licence equal to this (any case)', toSql: sameText('license') },
  domain: {
    describe: 'URL host is this domain or one of its subdomains',
    toSql: (v, p) => {
      const domain = p.add(normaliseDomain(v));
      // right() instead of LIKE: a domain with % or _ must not act as a wildcard.
      return `(p.domain = ${domain} OR right(p.domain, length(${domain}) + 1) = '.' || ${domain})`;
    },
  },
  flagState: {
    describe: 'unflagged: no open or confirmed flag; flagged: at least one; any: both',
    toSql: (v) => (v === 'unflagged' ? `NOT ${FLAGGED}` : v === 'flagged' ? FLAGGED : null),
  },
};

/** The WHERE clauses (ANDed by the caller) for every filter that is set. */
export function compileFilters(filters: Partial<SearchFilters>, params: SqlParams): string[] {
  const clauses: string[] = [];
  for (const key of Object.keys(FILTER_RULES) as (keyof SearchFilters)[]) {
    const value = filters[key];
    if (value === undefined || value === null) continue;
    const sql = (FILTER_RULES[key] as FilterRule<typeof value>).toSql(value, params);
    if (sql) clauses.push(sql);
  }
  return clauses;
}
