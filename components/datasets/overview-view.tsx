'use client';
import Link from 'next/link';
import type { DatasetOverview } from '@/lib/overview/overview-schemas';
import { ErrorNotice } from '../notice';
import { roleAtLeast } from '@/lib/auth/roles';
import { useDatasetOverview } from '../queries/use-dataset-overview';
import { useMe } from '../queries/use-me';
import { useQueueSuggestions } from '../queries/use-suggestions';
import { useToast } from '../toast';
import { emptySearchState, searchHref } from '../search/search-params';
import { formatCount } from './chart-card';
import { DuplicateStats } from './duplicate-stats';
import { FlagsChart } from './flags-chart';
import { HistogramChart } from './histogram-chart';
import { IngestHistory } from './ingest-history';
import { flaggedHref } from './overview-links';
import { TopValuesChart } from './top-values-chart';

const LINK = 'text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-400';

export function OverviewView({ name }: { name: string }) {
  const overview = useDatasetOverview(name);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">{name}</h1>
          {overview.data && (
            <p className="text-sm text-neutral-500 dark:text-neutral-400">
              {overview.data.dataset.model}
              {overview.data.dataset.dim ? ` · ${overview.data.dataset.dim}-d` : ''}
              {overview.data.dataset.source ? ` · from ${overview.data.dataset.source}` : ''}
            </p>
          )}
        </div>
        <nav aria-label="Dataset" className="flex items-center gap-4 text-sm">
          <Link href={`/browse?dataset=${encodeURIComponent(name)}`} className={LINK}>Browse</Link>
          <Link href={searchHref(emptySearchState(name))} className={LINK}>Search</Link>
          <SuggestButton name={name} />
        </nav>
      </div>
      {overview.isPending ? (
        <div role="status" aria-label="Loading…" className="h-96 animate-pulse rounded-lg bg-neutral-200 dark:bg-neutral-800" />
      ) : overview.isError ? (
        <ErrorNotice error={overview.error} onRetry={() => overview.refetch()} />
      ) : (
        <OverviewBody name={name} o={overview.data} />
      )}
    </div>
  );
}

function OverviewBody({ name, o }: { name: string; o: DatasetOverview }) {
  const share = (n: number) => (o.counts.pairs ? ` (${Math.round((100 * n) / o.counts.pairs)} %)` : '');
  return (
    <>
      <dl data-testid="overview-counts" className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <Count label="Pairs" value={formatCount(o.counts.pairs)} />
        <Count label="With image embeddings" value={`${formatCount(o.counts.withImageEmbedding)}${share(o.counts.withImageEmbedding)}`} />
        <Count label="With caption embeddings" value={`${formatCount(o.counts.withTextEmbedding)}${share(o.counts.withTextEmbedding)}`} />
        <Count label="Flagged" value={`${formatCount(o.counts.flagged)}${share(o.counts.flagged)}`} href={o.counts.flagged ? flaggedHref(name) : undefined} />
        {o.counts.hidden > 0 && <Count label="Hidden (suspected CSAM and its copies; in no figure here)" value={formatCount(o.counts.hidden)} />}
      </dl>
      <section aria-labelledby="histograms-heading" className="space-y-3">
        <div>
          <h2 id="histograms-heading" className="text-base font-semibold">Scores and sizes</h2>
          <p className="text-xs text-neutral-500 dark:text-neutral-400">Click a bar to search its pairs (search leaves flagged pairs out unless asked).</p>
        </div>
        <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {o.histograms.map((h) => (
            <HistogramChart key={h.column} dataset={name} histogram={h} />
          ))}
        </div>
      </section>
      <section aria-labelledby="top-heading" className="space-y-3">
        <div>
          <h2 id="top-heading" className="text-base font-semibold">Domains, languages and licences</h2>
          <p className="text-xs text-neutral-500 dark:text-neutral-400">Hidden pairs are left out. Click a bar to search its pairs.</p>
        </div>
        <div className="grid gap-3 md:grid-cols-2 xl:grid-cols-3">
          {o.top.map((t) => (
            <TopValuesChart key={t.kind} dataset={name} top={t} />
          ))}
        </div>
      </section>
      <div className="grid gap-3 lg:grid-cols-2">
        <FlagsChart flags={o.flags} flagged={o.counts.flagged} />
        <IngestHistory ingest={o.ingest} />
      </div>
      <DuplicateStats dataset={name} />
      <p className="text-right text-xs text-neutral-400">Counted in {formatCount(o.tookMs)} ms</p>
    </>
  );
}

function Count({ label, value, href }: { label: string; value: string; href?: string }) {
  return (
    <div className="rounded-lg border border-neutral-200 bg-white p-3 dark:border-neutral-800 dark:bg-neutral-900">
      <dt className="text-xs text-neutral-500 dark:text-neutral-400">{label}</dt>
      <dd className="text-lg font-semibold tabular-nums">{href ? <Link href={href} className={LINK}>{value}</Link> : value}</dd>
    </div>
  );
}

/** Curators ask Sieve to scan the dataset: scores over their thresholds and private data in captions become suggestions. */
function SuggestButton({ name }: { name: string }) {
  const role = useMe().data?.user?.role;
  const suggest = useQueueSuggestions('suggest');
  const toast = useToast();
  if (!roleAtLeast(role, 'curator')) return null;
  return (
    <button
      type="button"
      data-testid="suggest-flags"
      disabled={suggest.isPending}
      title="Scores above their thresholds (NSFW, violence, watermark) and captions with private data become suggestions in Review"
      onClick={() => suggest.mutate(name, { onSuccess: ({ job }) => toast({ message: `Looking for suggestions in "${name}": job ${job.id}`, href: '/jobs' }), onError: (e) => toast({ message: e.message, tone: 'error' }) })}
      className="rounded-md border border-neutral-300 px-2 py-1 hover:bg-neutral-100 disabled:opacity-60 dark:border-neutral-700 dark:hover:bg-neutral-800"
    >
      Suggest flags
    </button>
  );
}
