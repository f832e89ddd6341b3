'use client';
import Link from 'next/link';
import type { ExactDuplicateStats, NearDuplicateStats } from '@/lib/overview/overview-schemas';
import { ErrorNotice } from '../notice';
import { useExactDuplicates, useNearDuplicates } from '../queries/use-dataset-overview';
import { ChartCard, formatCount } from './chart-card';

/** Exact duplicates (shared URL, shared LAION hash) and look-alike images, each group linking to a pair whose page shows it whole. */
export function DuplicateStats({ dataset }: { dataset: string }) {
  const exact = useExactDuplicates(dataset);
  return (
    <section aria-labelledby="duplicates-heading" className="space-y-3">
      <div>
        <h2 id="duplicates-heading" className="text-base font-semibold">Duplicates</h2>
        <p className="text-xs text-neutral-500 dark:text-neutral-400">A pair’s page shows its whole group (same URL, same hash, look-alike image), where it can be flagged at once.</p>
      </div>
      <div className="grid gap-3 md:grid-cols-3">
        <ExactCard testId="duplicates-url" title="Same URL" query={exact} kind="url" what="URLs" />
        <ExactCard testId="duplicates-hash" title="Same LAION hash" query={exact} kind="hash" what="hashes" />
        <NearCard dataset={dataset} />
      </div>
    </section>
  );
}

interface ExactCardProps {
  testId: string;
  title: string;
  query: ReturnType<typeof useExactDuplicates>;
  kind: 'url' | 'hash';
  what: string;
}

function ExactCard({ testId, title, query, kind, what }: ExactCardProps) {
  return (
    <ChartCard testId={testId} title={title}>
      {query.isPending ? (
        <Pending label="Grouping…" />
      ) : query.isError ? (
        <ErrorNotice error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <ExactSummary stats={query.data[kind]} what={what} />
      )}
    </ChartCard>
  );
}

const Pending = ({ label }: { label: string }) => <div role="status" aria-label={label} className="h-16 animate-pulse rounded bg-neutral-100 dark:bg-neutral-800" />;

function ExactSummary({ stats, what }: { stats: ExactDuplicateStats; what: string }) {
  return (
    <>
      <p className="text-sm">
        {stats.groups === 0 ? (
          'No two pairs share one.'
        ) : (
          <>
            <strong className="tabular-nums">{formatCount(stats.groups)}</strong> {what} shared by <strong className="tabular-nums">{formatCount(stats.pairs)}</strong> pairs
          </>
        )}
      </p>
      <GroupLinks groups={stats.largest} />
    </>
  );
}

function NearCard({ dataset }: { dataset: string }) {
  const near = useNearDuplicates(dataset);
  return (
    <ChartCard testId="duplicates-near" title="Look-alike images" note={near.data ? `image cosine ≥ ${near.data.cosine}` : undefined}>
      {near.isPending ? (
        <Pending label="Comparing images…" />
      ) : near.isError ? (
        <ErrorNotice error={near.error} onRetry={() => near.refetch()} />
      ) : near.data.reason ? (
        <p className="text-sm text-neutral-500">{near.data.reason}</p>
      ) : (
        <NearSummary stats={near.data} />
      )}
    </ChartCard>
  );
}

function NearSummary({ stats }: { stats: NearDuplicateStats }) {
  const about = stats.exhaustive ? '' : '≈ ';
  return (
    <>
      <p className="text-sm">
        {stats.estimatedGroups === 0 ? (
          'No look-alikes found.'
        ) : (
          <>
            <strong className="tabular-nums">{about}{formatCount(stats.estimatedGroups)}</strong> groups holding <strong className="tabular-nums">{about}{formatCount(stats.estimatedPairs)}</strong> pairs
          </>
        )}
      </p>
      <p data-testid="near-duplicates-method" className="text-xs text-neutral-500 dark:text-neutral-400">
        {stats.exhaustive
          ? `Every one of the ${formatCount(stats.sampled)} pairs with an image embedding was compared with its nearest neighbours.`
          : `Estimated from a sample: ${formatCount(stats.sampled)} pairs spread evenly over the dataset (of about ${formatCount(stats.population)} with an image embedding), each compared with its nearest neighbours through the HNSW index; ${formatCount(stats.sampledWithDuplicates)} of them have a look-alike. The groups below are those the sample reached.`}
      </p>
      <GroupLinks groups={stats.groups} />
    </>
  );
}

function GroupLinks({ groups }: { groups: { pairId: number; size: number }[] }) {
  if (groups.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1.5 text-xs">
      {groups.map((g) => (
        <li key={g.pairId}>
          <Link href={`/pairs/${g.pairId}`} className="inline-block rounded bg-neutral-100 px-1.5 py-0.5 tabular-nums text-sky-700 hover:underline dark:bg-neutral-800 dark:text-sky-400">
            #{g.pairId} · {formatCount(g.size)}
          </Link>
        </li>
      ))}
    </ul>
  );
}
