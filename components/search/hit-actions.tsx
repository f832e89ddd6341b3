import type { SearchHit } from '@/lib/search/schemas';

const BUTTON =
  'rounded border border-neutral-300 px-1.5 py-0.5 text-[11px] hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:cursor-not-allowed disabled:opacity-50 dark:border-neutral-700 dark:hover:bg-neutral-800';

interface HitActionsProps {
  hit: SearchHit;
  onMoreLike: (hit: SearchHit) => void;
  onCaption: (hit: SearchHit) => void;
  /** Curators only: opens the flag dialog for this pair. */
  onFlag?: () => void;
}

export function HitActions({ hit, onMoreLike, onCaption, onFlag }: HitActionsProps) {
  return (
    <div className="flex flex-wrap gap-1">
      {/* A hidden pair's image must not seed a search for more images like it. */}
      <button type="button" data-testid="more-like-this" disabled={hit.hidden} onClick={() => onMoreLike(hit)} className={BUTTON}>
        More like this
      </button>
      <button
        type="button"
        data-testid="search-caption"
        disabled={!hit.caption}
        title="Search with this caption"
        onClick={() => onCaption(hit)}
        className={BUTTON}
      >
        Search caption
      </button>
      {onFlag && (
        <button type="button" data-testid="flag-pair" onClick={onFlag} className={`${BUTTON} text-red-700 dark:text-red-400`}>
          Flag…
        </button>
      )}
    </div>
  );
}
