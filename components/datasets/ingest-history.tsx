import type { DatasetOverview } from '@/lib/overview/overview-schemas';
import { ChartCard, formatCount } from './chart-card';

const when = (iso: string) => new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });

/** The shards ingest committed, latest first (a re-run skips these files). */
export function IngestHistory({ ingest }: { ingest: DatasetOverview['ingest'] }) {
  const more = ingest.shards - ingest.recent.length;
  return (
    <ChartCard testId="ingest-history" title="Ingest history" note={`${formatCount(ingest.shards)} ${ingest.shards === 1 ? 'file' : 'files'}, ${formatCount(ingest.rows)} rows`}>
      {ingest.recent.length === 0 ? (
        <p className="text-sm text-neutral-500">Nothing ingested yet.</p>
      ) : (
        <div className="max-h-72 overflow-y-auto">
          <table className="w-full table-fixed text-left text-xs tabular-nums">
            <thead className="sticky top-0 bg-white text-neutral-500 dark:bg-neutral-900">
              <tr>
                <th className="py-1 font-medium">File</th>
                <th className="w-20 py-1 text-right font-medium">Rows</th>
                <th className="w-44 py-1 pl-3 text-right font-medium">Finished</th>
              </tr>
            </thead>
            <tbody>
              {ingest.recent.map((s) => (
                <tr key={`${s.sourceFile}-${s.completedAt}`} className="border-t border-neutral-100 dark:border-neutral-800">
                  <td className="truncate py-1 pr-2 font-mono" title={s.sourceFile}>{s.sourceFile}</td>
                  <td className="py-1 text-right">{formatCount(s.rows)}</td>
                  <td className="whitespace-nowrap py-1 pl-3 text-right">{when(s.completedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more > 0 && <p className="pt-1 text-xs text-neutral-500">and {formatCount(more)} earlier files</p>}
        </div>
      )}
    </ChartCard>
  );
}
