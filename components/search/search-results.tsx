'use client';
import { useCallback, useState } from 'react';
import type { SearchHit } from '@/lib/search/schemas';
import { GridSkeleton } from '../browse/pair-grid';
import { ErrorNotice, Notice } from '../notice';
import type { useSearch } from '../queries/use-search';
import { NOTE_REQUIRED, REASON_INFO, type FlagReason } from '@/lib/flags/reasons';
import type { FlagTarget } from '@/lib/flags/schemas';
import type { SearchQueryInput } from '@/lib/search/schemas';
import { ExportDialog } from '../exports/export-dialog';
import { FlagDialog } from '../flags/flag-dialog';
import { SelectionBar } from '../flags/selection-bar';
import { useSelection } from '../flags/use-selection';
import { useFlagPairs } from '../queries/use-flags';
import { useCan } from '../queries/use-me';
import { useToast } from '../toast';
import { LoadMore } from './load-more';
import { ResultGrid } from './result-grid';
import { ResultSummary } from './result-summary';

interface SearchResultsProps {
  search: ReturnType<typeof useSearch>;
  /** The query as the server can re-run it (an uploaded image replaced by its vector), for flagging every result. */
  flagQuery?: SearchQueryInput;
  onMoreLike: (hit: SearchHit) => void;
  onCaption: (hit: SearchHit) => void;
  /** How many filters differ from the defaults, for the empty state's hint. */
  filters: number;
}

export function SearchResults({ search, flagQuery, onMoreLike, onCaption, filters }: SearchResultsProps) {
  const [showScores, setShowScores] = useState(false);
  const { fetchNextPage } = search;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);
  const canFlag = useCan('curator');
  const selection = useSelection();
  const [dialog, setDialog] = useState<{ target: FlagTarget; title: string; reason?: FlagReason } | null>(null);
  const quickFlag = useFlagPairs();
  const [exporting, setExporting] = useState(false);
  const toast = useToast();

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
  const order = hits.map((h) => h.id);
  const onFlag = (hit: SearchHit, reason?: FlagReason) => {
    const target: FlagTarget = { kind: 'pairs', pairIds: [hit.id] };
    if (!reason || NOTE_REQUIRED.includes(reason)) return setDialog({ target, title: `pair #${hit.id}`, reason });
    quickFlag.mutate(
      { target, reason },
      {
        onSuccess: () => toast({ message: `Pair #${hit.id} flagged as ${REASON_INFO[reason].label}.` }),
        onError: (err) => toast({ message: err.message, tone: 'error' }),
      },
    );
  };
  const curation = canFlag ? { selected: selection.selected, onSelect: (id: number, e: { shiftKey: boolean }) => selection.click(id, e, order), onFlag } : undefined;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="min-w-0 flex-1">
          <ResultSummary first={pages[0]} count={hits.length} more={search.hasNextPage} showScores={showScores} onScores={setShowScores} />
        </div>
        {canFlag && flagQuery && (
          <button type="button" data-testid="export-results" onClick={() => setExporting(true)} className="rounded border border-neutral-300 px-2 py-0.5 text-xs hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800">
            Export…
          </button>
        )}
        {canFlag && flagQuery && (
          <button type="button" data-testid="flag-all" onClick={() => setDialog({ target: { kind: 'query', query: flagQuery as never }, title: 'every result of this search' })} className="rounded border border-red-300 px-2 py-0.5 text-xs text-red-800 hover:bg-red-50 dark:border-red-900 dark:text-red-300 dark:hover:bg-red-950">
            Flag all results…
          </button>
        )}
      </div>
      <ResultGrid
        curation={curation}
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
      {curation && selection.selected.size > 0 && (
        <SelectionBar
          count={selection.selected.size}
          total={hits.length}
          onFlag={() => setDialog({ target: { kind: 'pairs', pairIds: [...selection.selected] }, title: `${selection.selected.size} selected pair${selection.selected.size === 1 ? '' : 's'}` })}
          onSelectAll={() => selection.selectAll(order)}
          onClear={selection.clear}
        />
      )}
      {exporting && flagQuery && (
        <ExportDialog
          source={{ kind: 'query', query: flagQuery as never }}
          title="the results of this search"
          ranked={pages[0].mode === 'semantic' || pages[0].mode === 'hybrid'}
          onClose={() => setExporting(false)}
        />
      )}
      {dialog && (
        <FlagDialog
          target={dialog.target}
          title={dialog.title}
          initialReason={dialog.reason}
          onClose={(flagged) => {
            if (flagged && dialog.target.kind === 'pairs' && dialog.target.pairIds.length > 1) selection.clear();
            setDialog(null);
          }}
        />
      )}
    </div>
  );
}
