'use client';
import Link from 'next/link';
import type { PairPage } from '@/lib/pairs/schemas';
import { datasetHref } from '../datasets/overview-links';
import { FirstRun } from '../first-run';
import { Command, ErrorNotice, Notice } from '../notice';
import { useDatasets } from '../queries/use-datasets';
import { usePairPage } from '../queries/use-pair-page';
import { DatasetPicker } from './dataset-picker';
import { GridSkeleton, PairGrid } from './pair-grid';
import { Pager } from './pager';
import { useBrowseParams } from './use-browse-params';

const INGEST = 'npm run sieve -- ingest <path> --dataset';

export function BrowseView() {
  const browse = useBrowseParams();
  const datasets = useDatasets();
  const pairs = usePairPage(browse);
  const data = pairs.data;
  const current = data?.dataset?.name ?? browse.dataset;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Browse</h1>
          {data?.dataset && (
            <p className="text-sm text-neutral-500 dark:text-neutral-400">
              {data.dataset.name} · {data.total.toLocaleString('en')} pairs ·{' '}
              <Link href={datasetHref(data.dataset.name)} data-testid="dataset-overview-link" className="text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-400">
                Overview
              </Link>
            </p>
          )}
        </div>
        {datasets.data && datasets.data.length > 1 && (
          <DatasetPicker datasets={datasets.data} value={current} onChange={(name) => browse.go({ dataset: name, page: 1 })} />
        )}
      </div>
      {pairs.isPending ? (
        <GridSkeleton />
      ) : pairs.isError ? (
        <ErrorNotice error={pairs.error} onRetry={() => pairs.refetch()} />
      ) : (
        <PageBody data={pairs.data} busy={pairs.isPlaceholderData} browse={browse} />
      )}
    </div>
  );
}

function PageBody({ data, busy, browse }: { data: PairPage; busy: boolean; browse: ReturnType<typeof useBrowseParams> }) {
  if (!data.dataset) return <FirstRun />;
  if (data.total === 0) {
    return (
      <Notice title={`“${data.dataset.name}” has no pairs yet`}>
        <p>Ingest into it, then reload this page:</p>
        <Command>{`${INGEST} ${data.dataset.name}`}</Command>
      </Notice>
    );
  }
  // Moving between page sizes keeps the first card of the current page on screen.
  const resize = (size: number) => browse.go({ pageSize: size, page: Math.floor(((browse.page - 1) * browse.pageSize) / size) + 1 });
  return (
    <>
      {data.items.length > 0 ? (
        <PairGrid items={data.items} busy={busy} />
      ) : (
        <Notice title={`Page ${data.page} is past the end`}>
          <Link href={browse.hrefFor({ page: data.pages })} className="text-sky-700 underline dark:text-sky-400">
            Go to the last page ({data.pages})
          </Link>
        </Notice>
      )}
      <div className="sticky bottom-0 -mx-4 border-t border-neutral-200 bg-neutral-50/90 px-4 py-3 backdrop-blur sm:-mx-6 dark:border-neutral-800 dark:bg-neutral-950/90">
        <Pager page={browse.page} pages={data.pages} pageSize={browse.pageSize} hrefFor={browse.hrefFor} onPageSize={resize} />
      </div>
    </>
  );
}
