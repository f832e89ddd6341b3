import type { PairSummary } from '@/lib/pairs/schemas';
import { PairCaption } from './pair-caption';
import { PairImage } from './pair-image';
import { PairScores } from './pair-scores';

export function PairCard({ pair }: { pair: PairSummary }) {
  return (
    <article
      data-testid="pair-card"
      data-pair-id={pair.id}
      className="flex h-full flex-col overflow-hidden rounded-lg border border-neutral-200 bg-white shadow-sm dark:border-neutral-800 dark:bg-neutral-900"
    >
      <PairImage pair={pair} />
      <div className="flex flex-1 flex-col gap-2 p-2.5">
        <PairCaption caption={pair.caption} />
        <div className="mt-auto flex flex-col gap-1.5">
          <PairScores pair={pair} />
          <p className="truncate text-[11px] text-neutral-500 dark:text-neutral-400" title={pair.domain ?? undefined}>
            #{pair.id}
            {pair.domain ? ` · ${pair.domain}` : ''}
          </p>
        </div>
      </div>
    </article>
  );
}
