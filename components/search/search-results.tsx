'use client';
import { useCallback, useState } from 'react';
import type { SearchHit } from '@/lib/search/schemas';
import { GridSkeleton } from '../browse/pair-grid';
import { ErrorNotice, Notice } from '../notice';
import type { useSearch } from '../queries/use-search';
import { LoadMore } from './load-more';
import { ResultGrid } from './result-grid';
import { ResultSummary } from './result-summary';

interface SearchResultsProps {
  search: ReturnType<typeof useSearch>;
  onMoreLike: (hit: SearchHit) => void;
  onCaption: (hit: SearchHit) => void;
  /** How many filters differ from the defaults, for the empty state's hint. */
  filters: number;
}

export function SearchResults({ search, onMoreLike, onCaption, filters }: SearchResultsProps) {
  const [showScores, setShowScores] = useState(false);
  const { fetchNextPage } = search;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  if (search.isPending) return <GridSkeleton />;
  // A failed next page keeps the pages already shown; only a failed first page replaces them.
  if (!search.data) return <ErrorNotice error={search.error ?? new Error('The search failed.')} onRetry={() => search.refetch()} />;
  const pages = search.data.pages;
  const hits = pages.flatMap((p) => p.hits);
  if (hits.length === 0) {
    return (
      <Notice title="No pairs match this search">
        <p>
          {filters > 0
            ? 'Try loosening the filters: raise the unsafe or watermark limits, lower the minimum scores and sizes, or clear language, licence and domain.'
            : 'Try other words, another image, or another dataset.'}{' '}
          Flagged pairs are left out unless the flag filter says otherwise.
        </p>
      </Notice>
    );
  }
  return (
    <div className="space-y-3">
      <ResultSummary first={pages[0]} count={hits.length} more={search.hasNextPage} showScores={showScores} onScores={setShowScores} />
      <ResultGrid
        hits={hits}
        mode={pages[0].mode}
        busy={search.isPlaceholderData}
        showScores={showScores}
        onMoreLike={onMoreLike}
        onCaption={onCaption}
      />
      {search.isFetchNextPageError && (
        <p role="alert" className="text-center text-sm text-red-700 dark:text-red-400">
          {search.error?.message}
        </p>
      )}
      <LoadMore hasMore={search.hasNextPage} loading={search.isFetchingNextPage} failed={search.isFetchNextPageError} onLoad={loadMore} />
    </div>
  );
}
