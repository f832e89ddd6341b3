'use client';
import type { JobSummary } from '@/lib/jobs/schemas';
import { ErrorNotice, Notice } from '../notice';
import { useCancelJob, useJobs } from '../queries/use-jobs';
import { useCan } from '../queries/use-me';

const CELL = 'px-3 py-2 text-left align-top';
const STATE_TONE: Record<JobSummary['state'], string> = {
  queued: 'text-neutral-600', running: 'text-sky-700 dark:text-sky-400', done: 'text-emerald-700 dark:text-emerald-400',
  failed: 'text-red-700 dark:text-red-400', cancelled: 'text-amber-700 dark:text-amber-400',
};

function describe(j: JobSummary): string {
  const p = j.params as { dataset?: string; reason?: string; target?: { kind?: string } };
  if (j.kind === 'embed') return `Embed “${p.dataset}”`;
  if (j.kind === 'flag') return `Flag ${p.target?.kind === 'query' ? 'a search' : p.target?.kind ?? ''} as ${p.reason}`;
  return j.kind;
}

/** /jobs: background work with live progress; curators can cancel what is still running. */
export function JobsView() {
  const jobs = useJobs();
  const cancel = useCancelJob();
  const canCancel = useCan('curator');
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">Jobs</h1>
      {cancel.error && <p role="alert" className="text-sm text-red-700">{cancel.error.message}</p>}
      {jobs.isError ? (
        <ErrorNotice error={jobs.error} onRetry={() => jobs.refetch()} />
      ) : jobs.data?.length === 0 ? (
        <Notice title="No jobs yet">
          <p>Embedding runs, bulk flags and exports run here in the background.</p>
        </Notice>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white dark:border-neutral-800 dark:bg-neutral-900">
          <table className="w-full text-sm" data-testid="jobs-table">
            <thead className="border-b border-neutral-200 text-xs uppercase tracking-wide text-neutral-500 dark:border-neutral-800">
              <tr><th className={CELL}>#</th><th className={CELL}>What</th><th className={CELL}>State</th><th className={CELL}>Progress</th><th className={CELL}>Started</th><th className={CELL} /></tr>
            </thead>
            <tbody>
              {(jobs.data ?? []).map((j) => (
                <tr key={j.id} data-testid="job-row" data-job-id={j.id} data-state={j.state} className="border-b border-neutral-100 last:border-0 dark:border-neutral-800">
                  <td className={`${CELL} text-neutral-500`}>{j.id}</td>
                  <td className={CELL}>{describe(j)}</td>
                  <td className={`${CELL} font-medium ${STATE_TONE[j.state]}`}>{j.state}{j.cancelRequested && j.state === 'running' ? ' (stopping)' : ''}</td>
                  <td className={`${CELL} min-w-48`}>
                    {j.total ? <progress className="h-1.5 w-full" max={j.total} value={j.done} /> : null}
                    <p className="text-xs text-neutral-500 break-words">{j.error ?? j.message}</p>
                  </td>
                  <td className={`${CELL} whitespace-nowrap text-neutral-500`}>{(j.startedAt ?? j.createdAt).slice(0, 19).replace('T', ' ')}</td>
                  <td className={`${CELL} text-right`}>
                    {canCancel && (j.state === 'queued' || j.state === 'running') && !j.cancelRequested && (
                      <button type="button" onClick={() => cancel.mutate(j.id)} className="rounded border border-neutral-300 px-2 py-1 text-xs dark:border-neutral-700">Cancel</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
