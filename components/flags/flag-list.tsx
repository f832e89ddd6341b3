'use client';
import { REASON_INFO } from '@/lib/flags/reasons';
import type { FlagSummary } from '@/lib/flags/schemas';

const STATE_TONE = { open: 'bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200', confirmed: 'bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200', rejected: 'bg-neutral-200 text-neutral-700 dark:bg-neutral-800 dark:text-neutral-300' };
const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

/**
 * A pair's flags: reason, state, who raised it and when, the note, and the decision (names and notes only where the
 * server gave them: reviewers, or the flag's author). Notes are shown as text.
 */
export function FlagList({ flags, actions }: { flags: FlagSummary[]; actions?: (f: FlagSummary) => React.ReactNode }) {
  if (flags.length === 0) return <p className="text-sm text-neutral-500">No flags.</p>;
  return (
    <ul data-testid="flag-list" className="space-y-2">
      {flags.map((f) => (
        <li key={f.id} data-testid="flag-item" data-flag-id={f.id} data-state={f.state} className="rounded-md border border-neutral-200 p-2 text-sm dark:border-neutral-800">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-medium">{REASON_INFO[f.reason].label}</span>
            <span className={`rounded px-1.5 py-0.5 text-[11px] font-semibold uppercase ${STATE_TONE[f.state]}`}>{f.state}</span>
            <span className="text-xs text-neutral-500">
              {f.origin === 'machine' ? 'suggested by Sieve · ' : f.createdByEmail || f.createdBy ? `by ${f.createdByEmail ?? f.createdBy} · ` : ''}{when(f.createdAt)}
              {f.jobId ? ` · job ${f.jobId}` : ''}
            </span>
            <span className="ml-auto flex gap-1">{actions?.(f)}</span>
          </div>
          {f.note && <p className="mt-1 whitespace-pre-wrap break-words text-neutral-700 dark:text-neutral-300">{f.note}</p>}
          {f.decidedAt && <p className="mt-1 text-xs text-neutral-500">{f.state}{f.decidedByEmail || f.decidedBy ? ` by ${f.decidedByEmail ?? f.decidedBy}` : ''} · {when(f.decidedAt)}</p>}
        </li>
      ))}
    </ul>
  );
}
