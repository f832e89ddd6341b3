'use client';
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { NeighbourList } from '@/lib/similar/neighbour-schemas';
import type { PairDetail, PairSummary } from '@/lib/pairs/schemas';
import { PairImage } from '../browse/pair-image';
import { ErrorNotice } from '../notice';
import { usePairNeighbours } from '../queries/use-pair-neighbours';

// Smaller than the browse grid's cards: twelve fit in one or two rows beside the pair they relate to.
export const RELATED_GRID = 'grid grid-cols-[repeat(auto-fill,minmax(7.5rem,1fr))] gap-2';

/** "Nearest by image" and "Nearest by caption": small cards, each one click from its own pair page. */
export function PairNeighbours({ pair }: { pair: PairDetail }) {
  // Like "More like this", look-alikes of a hidden pair are not put on show.
  if (pair.hidden) {
    return (
      <RelatedSection title="Nearest pairs" testId="pair-neighbours">
        <p className="text-sm text-neutral-500 dark:text-neutral-400">Not shown for a hidden pair.</p>
      </RelatedSection>
    );
  }
  return <NeighbourLists id={pair.id} />;
}

function NeighbourLists({ id }: { id: number }) {
  const neighbours = usePairNeighbours(id);
  if (neighbours.isError) {
    return (
      <RelatedSection title="Nearest pairs" testId="pair-neighbours">
        <ErrorNotice error={neighbours.error} onRetry={() => neighbours.refetch()} />
      </RelatedSection>
    );
  }
  const body = (pick: 'image' | 'text') => (neighbours.isPending ? <RelatedSkeleton /> : <NeighbourRow list={neighbours.data[pick]} />);
  return (
    <div data-testid="pair-neighbours" className="space-y-6">
      <RelatedSection title="Nearest by image" testId="neighbours-image">
        {body('image')}
      </RelatedSection>
      <RelatedSection title="Nearest by caption" testId="neighbours-text">
        {body('text')}
      </RelatedSection>
    </div>
  );
}

function NeighbourRow({ list }: { list: NeighbourList }) {
  if (list.items.length === 0) return <p className="text-sm text-neutral-500 dark:text-neutral-400">{list.reason ?? 'No other pairs to compare with.'}</p>;
  return (
    <ul className={RELATED_GRID}>
      {list.items.map((n) => (
        <li key={n.id}>
          <RelatedPairCard pair={n} label={<span title="cosine similarity">{n.cosine.toFixed(3)}</span>} />
        </li>
      ))}
    </ul>
  );
}

export function RelatedSection({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <section aria-label={title} data-testid={testId} className="space-y-2">
      <h2 className="text-base font-semibold tracking-tight">{title}</h2>
      {children}
    </section>
  );
}

/**
 * A small card of a related pair. The link is the text under the image, not the whole card: the image's own
 * "show" button (safe mode) cannot sit inside a link. `showImage` false leaves the image out altogether.
 */
export function RelatedPairCard({ pair, label, showImage = true }: { pair: PairSummary; label: ReactNode; showImage?: boolean }) {
  return (
    <article data-testid="related-pair" data-pair-id={pair.id} className="flex h-full flex-col overflow-hidden rounded-md border border-neutral-200 bg-white text-[11px] dark:border-neutral-800 dark:bg-neutral-900">
      {showImage ? (
        <PairImage pair={pair} />
      ) : (
        <div className="flex aspect-square items-center justify-center bg-neutral-100 p-2 text-center text-neutral-500 dark:bg-neutral-800 dark:text-neutral-400">image not shown</div>
      )}
      <Link href={`/pairs/${pair.id}`} className="block flex-1 space-y-0.5 p-1.5 hover:bg-neutral-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-sky-500 dark:hover:bg-neutral-800">
        <span className="flex items-center justify-between gap-1 tabular-nums">
          <span className="font-medium">#{pair.id}</span>
          <span className="text-neutral-500 dark:text-neutral-400">{label}</span>
        </span>
        {/* Scraped text, shown as text only. */}
        <span className="block truncate text-neutral-600 dark:text-neutral-300" title={pair.caption ?? undefined}>
          {pair.caption ?? <i className="text-neutral-400">no caption</i>}
        </span>
      </Link>
    </article>
  );
}

export function RelatedSkeleton() {
  return (
    <div role="status">
      <span className="sr-only">Loading…</span>
      <ul aria-hidden className={RELATED_GRID}>
        {Array.from({ length: 6 }, (_, i) => (
          <li key={i} className="aspect-[3/4] animate-pulse rounded-md bg-neutral-200 dark:bg-neutral-800" />
        ))}
      </ul>
    </div>
  );
}
