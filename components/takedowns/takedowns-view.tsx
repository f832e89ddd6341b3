'use client';
import Link from 'next/link';
import { ErrorNotice, Notice } from '../notice';
import { useTakedowns } from '../queries/use-takedowns';
import { NewTakedownForm } from './new-takedown-form';

const CELL = 'px-3 py-2 text-left align-top';

/** /takedowns: requests, overdue ones first; a form for a new one. */
export function TakedownsView() {
  const list = useTakedowns();
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-xl font-semibold tracking-tight">Takedowns</h1>
        <Link href="/takedowns/blocklists" className="text-sm text-sky-700 underline dark:text-sky-400">Block lists</Link>
      </div>
      {list.data && list.data.overdue > 0 && <p data-testid="overdue-count" className="text-sm font-medium text-red-700 dark:text-red-400">{list.data.overdue} overdue</p>}
      {list.isError ? <ErrorNotice error={list.error} onRetry={() => list.refetch()} /> : list.data?.takedowns.length === 0 ? (
        <Notice title="No requests yet"><p>Record one below, or people can ask at /opt-out.</p></Notice>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white dark:border-neutral-800 dark:bg-neutral-900">
          <table className="w-full text-sm" data-testid="takedowns-table">
            <thead className="border-b border-neutral-200 text-xs uppercase tracking-wide text-neutral-500 dark:border-neutral-800">
              <tr><th className={CELL}>#</th><th className={CELL}>Requester</th><th className={CELL}>Kind</th><th className={CELL}>State</th><th className={CELL}>Due</th><th className={CELL}>Items</th><th className={CELL}>Matches</th></tr>
            </thead>
            <tbody>
              {list.data?.takedowns.map((t) => (
                <tr key={t.id} data-testid="takedown-row" data-takedown-id={t.id} className="border-b border-neutral-100 last:border-0 dark:border-neutral-800">
                  <td className={CELL}><Link href={`/takedowns/${t.id}`} className="text-sky-700 underline dark:text-sky-400">{t.id}</Link></td>
                  <td className={`${CELL} break-words`}>{t.requester}{t.public ? <span className="ml-1 rounded bg-neutral-200 px-1 text-[10px] uppercase dark:bg-neutral-700">public form</span> : null}</td>
                  <td className={CELL}>{t.kind}</td>
                  <td className={CELL}>{t.state}</td>
                  <td className={`${CELL} whitespace-nowrap ${t.overdue ? 'font-semibold text-red-700 dark:text-red-400' : ''}`}>{t.dueOn}{t.overdue ? ' (overdue)' : ''}</td>
                  <td className={CELL}>{t.items}</td>
                  <td className={CELL}>{t.matches}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewTakedownForm />
    </div>
  );
}
