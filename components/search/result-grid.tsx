'use client';
import { useRouter } from 'next/navigation';
import { useState, type KeyboardEvent } from 'react';
import { FLAG_REASONS, REASON_INFO, type FlagReason } from '@/lib/flags/reasons';
import type { SearchHit, SearchMode } from '@/lib/search/schemas';
import { PairCard } from '../browse/pair-card';
import { GRID } from '../browse/pair-grid';
import { reasonKey } from '../flags/flag-dialog';
import { handleGridKeys } from './grid-keys';
import { HitActions } from './hit-actions';
import { HitBadges } from './hit-badges';

/** What a curator can do in the grid: select cards, and flag the focused one (`f` then the reason's digit). */
export interface GridCuration {
  selected: ReadonlySet<number>;
  onSelect: (id: number, e: { shiftKey: boolean }) => void;
  onFlag: (hit: SearchHit, reason?: FlagReason) => void;
}

interface ResultGridProps {
  hits: SearchHit[];
  mode: SearchMode;
  busy: boolean;
  showScores: boolean;
  onMoreLike: (hit: SearchHit) => void;
  onCaption: (hit: SearchHit) => void;
  curation?: GridCuration;
}

export function ResultGrid({ hits, mode, busy, showScores, onMoreLike, onCaption, curation }: ResultGridProps) {
  const router = useRouter();
  const [flagging, setFlagging] = useState<number | null>(null);
  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const card = (e.target as HTMLElement).closest<HTMLElement>('[data-testid="pair-card"]');
    const id = card && e.target === card ? Number(card.dataset.pairId) : null;
    if (curation && id !== null && !e.altKey && !e.ctrlKey && !e.metaKey) {
      if (flagging !== null) {
        const i = FLAG_REASONS.findIndex((_, idx) => reasonKey(idx) === e.key);
        const hit = hits.find((h) => h.id === flagging);
        setFlagging(null);
        if (i >= 0 && hit) {
          e.preventDefault();
          curation.onFlag(hit, FLAG_REASONS[i]);
        }
        return;
      }
      if (e.key === 'f') return void (e.preventDefault(), setFlagging(id));
      if (e.key === 'x') return void (e.preventDefault(), curation.onSelect(id, e));
    }
    handleGridKeys(e, (pairId) => router.push(`/pairs/${pairId}`));
  };
  return (
    <>
      {flagging !== null && (
        <p data-testid="flag-keys-hint" role="status" className="rounded-md bg-amber-100 px-3 py-2 text-xs text-amber-950 dark:bg-amber-950/50 dark:text-amber-100">
          Flag pair #{flagging} as: {FLAG_REASONS.map((r, i) => `${reasonKey(i)} ${REASON_INFO[r].label}`).join(' · ')} (any other key cancels)
        </p>
      )}
      <ul
        data-testid="results-grid"
        aria-label="Results"
        aria-busy={busy}
        onKeyDown={onKeyDown}
        className={`${GRID} transition-opacity ${busy ? 'opacity-60' : ''}`}
      >
        {hits.map((hit) => (
          <li key={hit.id}>
            <PairCard
              pair={hit}
              focusable
              selected={curation?.selected.has(hit.id)}
              onSelect={curation ? (e) => curation.onSelect(hit.id, e) : undefined}
              badge={<HitBadges hit={hit} mode={mode} showScore={showScores} />}
              actions={<HitActions hit={hit} onMoreLike={onMoreLike} onCaption={onCaption} onFlag={curation ? () => curation.onFlag(hit) : undefined} />}
            />
          </li>
        ))}
      </ul>
    </>
  );
}
