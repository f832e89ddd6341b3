'use client';
import { Bar, BarChart, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FlagCount } from '@/lib/overview/overview-schemas';
import { REASON_INFO, type FlagReason } from '@/lib/flags/reasons';
import { ChartCard, formatCount, formatTick, TOOLTIP_STYLE } from './chart-card';

const STATES = [
  { key: 'open', label: 'Open', fill: '#f59e0b' },
  { key: 'confirmed', label: 'Confirmed', fill: '#dc2626' },
  { key: 'rejected', label: 'Rejected', fill: '#a3a3a3' },
] as const;
const ROW_PX = 26;

/** Flags per reason, stacked by state. */
export function FlagsChart({ flags, flagged }: { flags: FlagCount[]; flagged: number }) {
  const byReason = new Map<FlagReason, Record<FlagCount['state'], number>>();
  for (const f of flags) byReason.set(f.reason, { ...(byReason.get(f.reason) ?? { open: 0, confirmed: 0, rejected: 0 }), [f.state]: f.count });
  const data = [...byReason].map(([reason, counts]) => ({ reason: REASON_INFO[reason]?.label ?? reason, ...counts }));
  return (
    <ChartCard testId="flags-chart" title="Flags by reason and state" note={`${formatCount(flagged)} pairs with an open or confirmed flag`}>
      {data.length === 0 ? (
        <p className="py-6 text-center text-sm text-neutral-500">No flags.</p>
      ) : (
        <div style={{ height: data.length * ROW_PX + 48 }} data-testid="chart">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart layout="vertical" data={data} margin={{ top: 0, right: 12, bottom: 0, left: 0 }}>
              <XAxis type="number" allowDecimals={false} tick={{ fontSize: 10 }} tickFormatter={formatTick} />
              <YAxis type="category" dataKey="reason" width={130} interval={0} tick={{ fontSize: 11 }} />
              <Tooltip cursor={{ fillOpacity: 0.08 }} contentStyle={TOOLTIP_STYLE} formatter={(value, name) => [formatCount(Number(value)), name]} />
              <Legend wrapperStyle={{ fontSize: 11 }} />
              {STATES.map((s) => (
                <Bar key={s.key} dataKey={s.key} name={s.label} stackId="state" fill={s.fill} isAnimationActive={false} />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </ChartCard>
  );
}
