'use client';
import type { JobSummary } from '@/lib/jobs/schemas';
import { useActiveJobs } from './queries/use-active-jobs';

const percent = (j: JobSummary) => (j.total ? Math.min(100, Math.round((j.done / j.total) * 100)) : null);

function label(j: JobSummary): string {
  const what = j.kind === 'embed' ? `Embedding “${String(j.params.dataset)}”` : `Job ${j.id} (${j.kind})`;
  return j.state === 'queued' ? `${what}: waiting` : `${what}: ${j.message ?? 'working'}`;
}

/** The header's live line for background work, so a newcomer sees the demo being embedded. */
export function JobsIndicator() {
  const jobs = useActiveJobs();
  const active = jobs.data ?? [];
  if (active.length === 0) return null;
  const first = active[0];
  const p = percent(first);
  return (
    <div data-testid="jobs-indicator" role="status" aria-live="polite" className="flex min-w-0 items-center gap-2 text-xs text-neutral-600 dark:text-neutral-300">
      <span className="size-2 shrink-0 animate-pulse rounded-full bg-sky-500" aria-hidden />
      <span className="truncate" title={label(first)}>
        {label(first)}
        {active.length > 1 ? ` · ${active.length - 1} more` : ''}
      </span>
      {p !== null && (
        <span className="hidden h-1.5 w-20 shrink-0 overflow-hidden rounded bg-neutral-200 sm:block dark:bg-neutral-700" aria-hidden>
          <span className="block h-full bg-sky-500" style={{ width: `${p}%` }} />
        </span>
      )}
    </div>
  );
}
