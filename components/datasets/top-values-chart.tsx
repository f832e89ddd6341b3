'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TopValues } from '@/lib/overview/overview-schemas';
import { BAR_FILL, ChartCard, formatCount, MUTED_FILL, TOOLTIP_STYLE } from './chart-card';
import { categoryHref } from './overview-links';

const TITLES: Record<TopValues['kind'], string> = { domain: 'Top domains', language: 'Languages', license: 'Licences' };
const NONE = '(none given)';
const LABEL_MAX = 26;
const ROW_PX = 22;

const short = (s: string) => (s.length > LABEL_MAX ? `${s.slice(0, LABEL_MAX - 1)}…` : s);

/** The most frequent values as horizontal bars; a click on one (or its link) opens search filtered to it. */
export function TopValuesChart({ dataset, top }: { dataset: string; top: TopValues }) {
  const router = useRouter();
  const data = top.items.map((item) => ({ count: item.count, name: item.value ?? NONE, label: short(item.value ?? NONE), href: categoryHref(dataset, top.kind, item.value) }));
  const note = top.distinct > top.items.filter((i) => i.value !== null).length ? `top ${top.items.length} of ${formatCount(top.distinct)}` : undefined;
  return (
    <ChartCard testId={`top-${top.kind}`} title={TITLES[top.kind]} note={note}>
      {data.length === 0 ? (
        <p className="py-6 text-center text-sm text-neutral-500">None.</p>
      ) : (
        <>
          <div style={{ height: data.length * ROW_PX + 16 }} data-testid="chart">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart layout="vertical" data={data} margin={{ top: 0, right: 12, bottom: 0, left: 0 }}>
                {/* The longest bar spans the card: the counts are in the tooltip and the list. */}
                <XAxis type="number" hide allowDecimals={false} domain={[0, 'dataMax']} />
                <YAxis type="category" dataKey="label" width={170} interval={0} tick={{ fontSize: 11 }} />
                <Tooltip
                  cursor={{ fillOpacity: 0.08 }}
                  contentStyle={TOOLTIP_STYLE}
                  labelFormatter={(_, payload) => payload?.[0]?.payload?.name ?? ''}
                  formatter={(value) => [formatCount(Number(value)), 'pairs']}
                />
                <Bar dataKey="count" isAnimationActive={false} className="cursor-pointer" onClick={(_, index) => data[index].href && router.push(data[index].href)}>
                  {data.map((d) => (
                    <Cell key={d.name} fill={d.href ? BAR_FILL : MUTED_FILL} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          </div>
          <details className="text-xs">
            <summary className="cursor-pointer text-neutral-500 hover:text-neutral-800 dark:hover:text-neutral-200">As a list</summary>
            <ol className="mt-1 space-y-0.5 tabular-nums">
              {data.map((d) => (
                <li key={d.name} className="flex justify-between gap-2">
                  {d.href ? (
                    <Link href={d.href} className="min-w-0 truncate text-sky-700 hover:underline dark:text-sky-400" title={d.name}>{d.name}</Link>
                  ) : (
                    <span className="min-w-0 truncate text-neutral-500">{d.name}</span>
                  )}
                  <span>{formatCount(d.count)}</span>
                </li>
              ))}
            </ol>
          </details>
        </>
      )}
    </ChartCard>
  );
}
