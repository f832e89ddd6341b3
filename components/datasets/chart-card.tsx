import type { ReactNode } from 'react';

/** sky-600: the bars read on a light and a dark page alike. */
export const BAR_FILL = '#0284c7';
/** A bar that leads nowhere (no value given: nothing to filter by). */
export const MUTED_FILL = '#a3a3a3';
export const TOOLTIP_STYLE = { fontSize: 12, borderRadius: 6 } as const;

export const formatCount = (n: number) => n.toLocaleString('en');
const compact = new Intl.NumberFormat('en', { notation: 'compact' });
/** Axis ticks: 250K rather than 250,000, which the axis would cut. */
export const formatTick = (n: number) => compact.format(n);

/** A framed figure with its title, an optional note beside it, and the chart or list below. */
export function ChartCard({ testId, title, note, children }: { testId?: string; title: string; note?: string; children: ReactNode }) {
  return (
    <figure data-testid={testId} className="min-w-0 space-y-2 rounded-lg border border-neutral-200 bg-white p-3 dark:border-neutral-800 dark:bg-neutral-900">
      <figcaption className="flex flex-wrap items-baseline justify-between gap-x-2 text-sm font-medium">
        {title}
        {note && <span className="text-xs font-normal text-neutral-500 dark:text-neutral-400">{note}</span>}
      </figcaption>
      {children}
    </figure>
  );
}
