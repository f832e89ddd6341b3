import type { ReactNode } from 'react';
import type { PairSummary } from '@/lib/pairs/schemas';
import { PairCard } from './pair-card';

// Auto-fill keeps two columns on a phone and grows to seven or eight on a wide screen.
export const GRID = 'grid grid-cols-[repeat(auto-fill,minmax(10rem,1fr))] gap-3 sm:grid-cols-[repeat(auto-fill,minmax(12rem,1fr))]';

export function PairGrid({ items, busy }: { items: PairSummary[]; busy: boolean }) {
  return (
    <ul data-testid="pair-grid" aria-busy={busy} className={`${GRID} transition-opacity ${busy ? 'opacity-60' : ''}`}>
      {items.map((pair) => (
        <li key={pair.id}>
          <PairCard pair={pair} />
        </li>
      ))}
    </ul>
  );
}

export function GridSkeleton({ count = 12 }: { count?: number }): ReactNode {
  return (
    <div role="status">
      <span className="sr-only">Loading pairs…</span>
      <ul aria-hidden className={GRID}>
        {Array.from({ length: count }, (_, i) => (
          <li key={i} className="overflow-hidden rounded-lg border border-neutral-200 bg-white dark:border-neutral-800 dark:bg-neutral-900">
            <div className="aspect-square animate-pulse bg-neutral-200 dark:bg-neutral-800" />
            <div className="space-y-2 p-2.5">
              <div className="h-3 animate-pulse rounded bg-neutral-200 dark:bg-neutral-800" />
              <div className="h-3 w-2/3 animate-pulse rounded bg-neutral-200 dark:bg-neutral-800" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
