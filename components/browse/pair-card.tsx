import Link from 'next/link';
import type { ReactNode } from 'react';
import type { PairSummary } from '@/lib/pairs/schemas';
import { PairCaption } from './pair-caption';
import { PairImage } from './pair-image';
import { PairScores } from './pair-scores';

// A focused card announces its id and the start of its caption, not the whole scraped text.
const LABEL_LENGTH = 80;

interface PairCardProps {
  pair: PairSummary;
  /** Small labels beside the id line (a search score, a duplicate count). */
  badge?: ReactNode;
  /** Buttons under the scores (search actions). */
  actions?: ReactNode;
  /** Cards of a keyboard-navigable grid take focus themselves. */
  focusable?: boolean;
  /** A selectable card shows a checkbox; ctrl/cmd-click anywhere on it toggles it too. */
  selected?: boolean;
  onSelect?: (e: { shiftKey: boolean }) => void;
}

export function PairCard({ pair, badge, actions, focusable = false, selected, onSelect }: PairCardProps) {
  return (
    <article
      data-testid="pair-card"
      data-pair-id={pair.id}
      data-selected={onSelect ? Boolean(selected) : undefined}
      onClick={onSelect ? (e) => (e.ctrlKey || e.metaKey) && (e.preventDefault(), onSelect(e)) : undefined}
      tabIndex={focusable ? 0 : undefined}
      aria-label={focusable ? `Pair ${pair.id}${pair.caption ? `: ${pair.caption.slice(0, LABEL_LENGTH)}` : ''}` : undefined}
      className={`relative flex h-full flex-col overflow-hidden rounded-lg border bg-white shadow-sm focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-sky-500 dark:bg-neutral-900 ${selected ? 'border-sky-500 ring-2 ring-sky-500' : 'border-neutral-200 dark:border-neutral-800'}`}
    >
      <PairImage pair={pair} />
      {onSelect && (
        <input
          type="checkbox"
          data-testid="card-select"
          aria-label={`Select pair ${pair.id}`}
          checked={Boolean(selected)}
          tabIndex={-1}
          onChange={() => undefined}
          onClick={(e) => {
            e.stopPropagation();
            onSelect(e);
          }}
          className="absolute right-2 top-2 z-10 size-5 cursor-pointer accent-sky-600"
        />
      )}
      <div className="flex flex-1 flex-col gap-2 p-2.5">
        <PairCaption caption={pair.caption} />
        <div className="mt-auto flex flex-col gap-1.5">
          <PairScores pair={pair} />
          <div className="flex items-center gap-1.5 text-[11px] text-neutral-500 dark:text-neutral-400">
            <p className="min-w-0 flex-1 truncate" title={pair.domain ?? undefined}>
              {/* Not a tab stop of its own in a navigable grid: Enter on the card opens the same page. */}
              <Link href={`/pairs/${pair.id}`} tabIndex={focusable ? -1 : undefined} className="hover:underline focus-visible:outline-2 focus-visible:outline-sky-500">
                #{pair.id}
              </Link>
              {pair.domain ? ` · ${pair.domain}` : ''}
            </p>
            {badge}
          </div>
          {actions}
        </div>
      </div>
    </article>
  );
}
