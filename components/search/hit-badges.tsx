import type { SearchHit, SearchMode } from '@/lib/search/schemas';

const SCORE_TITLES: Record<SearchMode, string> = {
  semantic: 'cosine similarity to the query (1 = same direction)',
  keyword: 'full-text rank of the caption',
  hybrid: 'reciprocal-rank-fusion score of the semantic and keyword rankings',
  filter: '',
};

/** A hit's score (on demand) and how many near-duplicates were folded into it. */
export function HitBadges({ hit, mode, showScore }: { hit: SearchHit; mode: SearchMode; showScore: boolean }) {
  const duplicates = hit.duplicates ?? 0;
  return (
    <>
      {duplicates > 0 && (
        <span data-testid="hit-duplicates" title="near-duplicates folded into this result" className="shrink-0 rounded bg-neutral-100 px-1.5 py-0.5 font-medium dark:bg-neutral-800">
          +{duplicates} duplicate{duplicates === 1 ? '' : 's'}
        </span>
      )}
      {showScore && hit.score !== null && (
        <span
          data-testid="hit-score"
          title={`score: ${SCORE_TITLES[mode]}`}
          className="shrink-0 rounded bg-sky-100 px-1.5 py-0.5 font-medium tabular-nums text-sky-900 dark:bg-sky-950 dark:text-sky-200"
        >
          {hit.score.toPrecision(3)}
        </span>
      )}
    </>
  );
}
