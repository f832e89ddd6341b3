'use client';
import Link from 'next/link';
import { PairIdParams, type PairDetail } from '@/lib/pairs/schemas';
import { PairImage } from '../browse/pair-image';
import { ErrorNotice, Notice } from '../notice';
import { useDatasets } from '../queries/use-datasets';
import { usePair } from '../queries/use-pair';
import { emptySearchState, searchHref, TEXT_MAX } from '../search/search-params';
import { BackLink } from './back-link';
import { PairDuplicates } from './pair-duplicates';
import { PairFlags } from '../flags/pair-flags';
import { PairHistory } from './pair-history';
import { PairMetadata } from './pair-metadata';
import { PairNeighbours } from './pair-neighbours';

const ACTION =
  'rounded-md border border-neutral-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-neutral-700 dark:bg-neutral-900 dark:hover:bg-neutral-800';

/** One pair in full: image (under the safe-mode rules), caption as text, every stored field. */
export function PairInspect({ id }: { id: string }) {
  const parsed = PairIdParams.safeParse({ id });
  if (!parsed.success) {
    return (
      <Notice title="Not a pair id">
        <p>Pair pages are addressed by a positive whole number, like /pairs/12.</p>
      </Notice>
    );
  }
  return <PairInspectBody id={parsed.data.id} />;
}

function PairInspectBody({ id }: { id: number }) {
  const pair = usePair(id);
  const datasets = useDatasets();
  if (pair.isPending) return <div role="status" className="h-96 animate-pulse rounded-lg bg-neutral-200 dark:bg-neutral-800" aria-label="Loading pair…" />;
  if (pair.isError) return <ErrorNotice error={pair.error} onRetry={() => pair.refetch()} />;
  const p = pair.data;
  const datasetName = datasets.data?.find((d) => d.id === p.datasetId)?.name;
  return (
    <article data-testid="pair-inspect" data-pair-id={p.id} className="space-y-4">
      <BackLink />
      <h1 className="text-xl font-semibold tracking-tight">Pair #{p.id}</h1>
      <div className="grid gap-6 md:grid-cols-[minmax(0,28rem)_1fr]">
        <div className="self-start overflow-hidden rounded-lg border border-neutral-200 bg-white dark:border-neutral-800 dark:bg-neutral-900">
          <PairImage pair={p} full />
        </div>
        <div className="min-w-0 space-y-4">
          <section aria-label="Caption">
            {p.caption ? (
              <p data-testid="pair-caption" className="whitespace-pre-wrap break-words text-base">
                {p.caption}
              </p>
            ) : (
              <p className="italic text-neutral-400">no caption</p>
            )}
          </section>
          {/* Without the dataset's name the links would search the first dataset for a pair it does not hold. */}
          {!datasets.isPending && <SearchLinks pair={p} datasetName={datasetName} />}
          <PairFlags pair={p} datasetName={datasetName} />
          <PairMetadata pair={p} datasetName={datasetName} />
          <PairHistory pairId={p.id} />
        </div>
      </div>
      <PairNeighbours pair={p} />
      <PairDuplicates pair={p} />
    </article>
  );
}

function SearchLinks({ pair, datasetName }: { pair: PairDetail; datasetName: string | undefined }) {
  const base = emptySearchState(datasetName);
  // Rank by the pair's own image vector where it has one, else by its caption's.
  const modality = pair.hasImageEmbedding ? 'image' : 'text';
  const canMoreLike = !pair.hidden && (pair.hasImageEmbedding || pair.hasTextEmbedding);
  return (
    <div className="flex flex-wrap gap-2">
      {canMoreLike && (
        <Link href={searchHref({ ...base, pairId: pair.id, modality })} data-testid="more-like-this" className={ACTION}>
          More like this
        </Link>
      )}
      {pair.caption && (
        <Link href={searchHref({ ...base, q: pair.caption.slice(0, TEXT_MAX) })} data-testid="search-caption" className={ACTION}>
          Search with this caption
        </Link>
      )}
    </div>
  );
}
