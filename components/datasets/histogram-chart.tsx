'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Bar, BarChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { INTEGER_COLUMNS, type Histogram, type HistogramBin, type HistogramColumn } from '@/lib/overview/overview-schemas';
import { binHref } from './overview-links';
import { BAR_FILL, ChartCard, formatCount, formatTick, TOOLTIP_STYLE } from './chart-card';

const TITLES: Record<HistogramColumn, string> = {
  punsafe: 'Unsafe probability (punsafe)',
  pwatermark: 'Watermark probability (pwatermark)',
  aesthetic: 'Aesthetic score',
  similarity: 'CLIP image–caption similarity',
  width: 'Width (px)',
  height: 'Height (px)',
};

/** Edges are round numbers already; this only keeps float noise and long fractions off the axis. */
export const formatEdge = (v: number) => (Number.isInteger(v) ? v.toLocaleString('en') : String(Number(v.toPrecision(4))));

function rangeLabel(column: HistogramColumn, bin: HistogramBin, last: boolean): string {
  if (INTEGER_COLUMNS.has(column)) return `${formatEdge(bin.lo)}–${formatEdge(last ? bin.hi : bin.hi - 1)}`;
  return `${formatEdge(bin.lo)} to ${last ? '' : 'under '}${formatEdge(bin.hi)}`;
}

/** One column's bars; a click on a bar opens search with the bar's range as filters. */
export function HistogramChart({ dataset, histogram }: { dataset: string; histogram: Histogram }) {
  const router = useRouter();
  const { column, bins, missing } = histogram;
  const data = bins.map((b, i) => ({
    count: b.count,
    label: formatEdge(b.lo),
    range: rangeLabel(column, b, i === bins.length - 1),
    href: binHref(dataset, column, bins, i),
  }));
  return (
    <ChartCard testId={`histogram-${column}`} title={TITLES[column]} note={missing ? `${formatCount(missing)} pairs without it` : undefined}>
      {bins.length === 0 ? (
        <p className="py-6 text-center text-sm text-neutral-500">No pair has this value.</p>
      ) : (
        <>
          <div className="h-44" data-testid="chart">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
                <XAxis dataKey="label" tick={{ fontSize: 10 }} interval="preserveStartEnd" minTickGap={6} />
                <YAxis allowDecimals={false} tick={{ fontSize: 10 }} width={44} tickFormatter={formatTick} />
                <Tooltip
                  cursor={{ fillOpacity: 0.08 }}
                  contentStyle={TOOLTIP_STYLE}
                  labelFormatter={(_, payload) => payload?.[0]?.payload?.range ?? ''}
                  formatter={(value) => [formatCount(Number(value)), 'pairs']}
                />
                <Bar dataKey="count" fill={BAR_FILL} isAnimationActive={false} className="cursor-pointer" onClick={(_, index) => router.push(data[index].href)} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          {/* The same bars as links: for the keyboard, screen readers, and a bar too thin to click. */}
          <details className="text-xs">
            <summary className="cursor-pointer text-neutral-500 hover:text-neutral-800 dark:hover:text-neutral-200">As a table</summary>
            <table className="mt-1 w-full tabular-nums">
              <tbody>
                {data.map((d) => (
                  <tr key={d.href}>
                    <td>
                      <Link href={d.href} className="text-sky-700 hover:underline dark:text-sky-400">{d.range}</Link>
                    </td>
                    <td className="text-right">{formatCount(d.count)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </ChartCard>
  );
}
