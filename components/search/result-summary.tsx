import type { SearchResponse } from '@/lib/search/schemas';

interface ResultSummaryProps {
  first: SearchResponse;
  count: number;
  more: boolean;
  showScores: boolean;
  onScores: (show: boolean) => void;
}

const MODALITY_WORDS = { image: 'image embeddings', text: 'caption embeddings' } as const;

/** "48+ results in photos · semantic · 35 ms", and the switch that shows each hit's score. */
export function ResultSummary({ first, count, more, showScores, onScores }: ResultSummaryProps) {
  const ranked = first.mode === 'semantic' || first.mode === 'hybrid';
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-neutral-500 dark:text-neutral-400">
      <p data-testid="result-count" aria-live="polite" title={ranked ? `ranked by ${MODALITY_WORDS[first.modality]}` : undefined}>
        {count.toLocaleString('en')}
        {more ? '+' : ''} result{count === 1 && !more ? '' : 's'} in {first.dataset.name} · <span data-testid="result-mode">{first.mode}</span> ·{' '}
        {Math.round(first.tookMs)} ms
      </p>
      <button
        type="button"
        aria-pressed={showScores}
        data-testid="scores-toggle"
        onClick={() => onScores(!showScores)}
        className="rounded border border-neutral-300 px-2 py-0.5 hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-sky-500 aria-pressed:bg-sky-100 aria-pressed:text-sky-900 dark:border-neutral-700 dark:hover:bg-neutral-800 dark:aria-pressed:bg-sky-950 dark:aria-pressed:text-sky-200"
      >
        {showScores ? 'Hide scores' : 'Show scores'}
      </button>
    </div>
  );
}
