// Where the dataset overview's bars and values lead: the search page with that filter, in the search page's own URL scheme.
import { INTEGER_COLUMNS, type CategoryKind, type HistogramBin, type HistogramColumn } from '@/lib/overview/overview-schemas';
import { SearchFilters } from '@/lib/search/schemas';
import { emptySearchState, searchHref, type NumberFilter, type SearchState } from '../search/search-params';

const RANGE_FILTERS: Record<HistogramColumn, readonly [NumberFilter, NumberFilter]> = {
  punsafe: ['punsafeMin', 'punsafeMax'],
  pwatermark: ['pwatermarkMin', 'pwatermarkMax'],
  aesthetic: ['aestheticMin', 'aestheticMax'],
  similarity: ['similarityMin', 'similarityMax'],
  width: ['widthMin', 'widthMax'],
  height: ['heightMin', 'heightMax'],
};

// A bar's edge past what the filter takes (an aesthetic score above 10 in odd data) is held at the filter's bound,
// so the link still filters instead of the search page dropping the value.
function clamp(key: NumberFilter, value: number): number {
  const schema = SearchFilters.shape[key].unwrap();
  return Math.min(schema.maxValue ?? Infinity, Math.max(schema.minValue ?? -Infinity, value));
}

/**
 * The search for the pairs of bar `index`: from its lower end to its upper one. Whole pixels stop one below the next
 * bar; scores include the upper end (the filter's bound is inclusive), which only a value exactly on it would notice.
 */
export function binHref(dataset: string, column: HistogramColumn, bins: HistogramBin[], index: number): string {
  const bin = bins[index];
  const last = index === bins.length - 1;
  const [min, max] = RANGE_FILTERS[column];
  const hi = INTEGER_COLUMNS.has(column) && !last ? bin.hi - 1 : bin.hi;
  return searchHref({ ...emptySearchState(dataset), [min]: clamp(min, bin.lo), [max]: clamp(max, hi) });
}

/** The search for one domain, language or licence; null for a value the filter cannot express (none, or too long). */
export function categoryHref(dataset: string, kind: CategoryKind, value: string | null): string | null {
  if (value === null || !SearchFilters.shape[kind].safeParse(value).success) return null;
  const patch: Partial<SearchState> = { [kind]: value };
  return searchHref({ ...emptySearchState(dataset), ...patch });
}

/** The dataset's flagged pairs in search (which leaves them out by default). */
export const flaggedHref = (dataset: string) => searchHref({ ...emptySearchState(dataset), flagState: 'flagged' });

export const datasetHref = (name: string) => `/datasets/${encodeURIComponent(name)}`;
