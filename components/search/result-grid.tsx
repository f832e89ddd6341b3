'use client';
import { useRouter } from 'next/navigation';
import type { SearchHit, SearchMode } from '@/lib/search/schemas';
import { PairCard } from '../browse/pair-card';
import { GRID } from '../browse/pair-grid';
import { handleGridKeys } from './grid-keys';
import { HitActions } from './hit-actions';
import { HitBadges } from './hit-badges';

interface ResultGridProps {
  hits: SearchHit[];
  mode: SearchMode;
  busy: boolean;
  showScores: boolean;
  onMoreLike: (hit: SearchHit) => void;
  onCaption: (hit: SearchHit) => void;
}

export function ResultGrid({ hits, mode, busy, showScores, onMoreLike, onCaption }: ResultGridProps) {
  const router = useRouter();
  return (
    <ul
      data-testid="results-grid"
      aria-label="Results"
      aria-busy={busy}
      onKeyDown={(e) => handleGridKeys(e, (id) => router.push(`/pairs/${id}`))}
      className={`${GRID} transition-opacity ${busy ? 'opacity-60' : ''}`}
    >
      {hits.map((hit) => (
        <li key={hit.id}>
          <PairCard
            pair={hit}
            focusable
            badge={<HitBadges hit={hit} mode={mode} showScore={showScores} />}
            actions={<HitActions hit={hit} onMoreLike={onMoreLike} onCaption={onCaption} />}
          />
        </li>
      ))}
    </ul>
  );
}
