'use client';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { FormEvent } from 'react';
import type { AuditEvent } from '@/lib/audit/schemas';
import { ErrorNotice, Notice } from '../notice';
import { auditQueryString, useAudit, type AuditFilters } from '../queries/use-audit';

const FIELDS = [
  ['actor', 'Actor (email or id)', 'text'],
  ['action', 'Action (e.g. user. or flag.create)', 'text'],
  ['subject', 'Subject (e.g. user:…, pair:12)', 'text'],
  ['dataset', 'Dataset', 'text'],
  ['from', 'From', 'date'],
  ['to', 'To', 'date'],
] as const;
const INPUT = 'w-full rounded-md border border-neutral-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-neutral-700 dark:bg-neutral-900';
const CELL = 'px-3 py-2 text-left align-top';

/** /audit: the append-only trail with its filters in the URL, newest first, and downloads of what matches. */
export function AuditView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters: AuditFilters = Object.fromEntries(FIELDS.map(([k]) => [k, params.get(k) ?? undefined]).filter(([, v]) => v));
  const audit = useAudit(filters);
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    router.replace(`${pathname}?${auditQueryString(Object.fromEntries(FIELDS.map(([k]) => [k, String(form.get(k) ?? '').trim()])))}`);
  };
  const events = audit.data?.pages.flatMap((p) => p.events) ?? [];
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h1 className="text-xl font-semibold tracking-tight">Audit trail</h1>
        <div className="flex gap-2 text-sm">
          {(['csv', 'jsonl'] as const).map((format) => (
            <a key={format} data-testid={`audit-download-${format}`} href={`/api/audit?${auditQueryString(filters, { format })}`} className="rounded-md border border-neutral-300 px-3 py-1.5 hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800">
              Download {format.toUpperCase()}
            </a>
          ))}
        </div>
      </div>
      <form onSubmit={apply} key={params.toString()} className="grid gap-2 rounded-lg border border-neutral-200 bg-white p-3 sm:grid-cols-3 lg:grid-cols-6 dark:border-neutral-800 dark:bg-neutral-900">
        {FIELDS.map(([key, label, type]) => (
          <label key={key} className="flex flex-col gap-1 text-xs font-medium">
            {label}
            <input name={key} type={type} defaultValue={filters[key] ?? ''} data-testid={`audit-filter-${key}`} className={INPUT} />
          </label>
        ))}
        <div className="flex gap-2 sm:col-span-3 lg:col-span-6">
          <button type="submit" className="rounded-md bg-neutral-900 px-3 py-1.5 text-sm font-medium text-white dark:bg-neutral-100 dark:text-neutral-900">Filter</button>
          <button type="button" onClick={() => router.replace(pathname)} className="rounded-md border border-neutral-300 px-3 py-1.5 text-sm dark:border-neutral-700">Clear</button>
        </div>
      </form>
      {audit.isError ? (
        <ErrorNotice error={audit.error} onRetry={() => audit.refetch()} />
      ) : audit.isPending ? (
        <div role="status" aria-label="Loading events…" className="h-40 animate-pulse rounded-lg bg-neutral-200 dark:bg-neutral-800" />
      ) : events.length === 0 ? (
        <Notice title="No events match" />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white dark:border-neutral-800 dark:bg-neutral-900">
          <table className="w-full text-sm" data-testid="audit-table">
            <thead className="border-b border-neutral-200 text-xs uppercase tracking-wide text-neutral-500 dark:border-neutral-800">
              <tr><th className={CELL}>When</th><th className={CELL}>Who</th><th className={CELL}>Action</th><th className={CELL}>Subject</th><th className={CELL}>Details</th><th className={CELL}>IP</th></tr>
            </thead>
            <tbody>{events.map((e) => <EventRow key={e.id} event={e} />)}</tbody>
          </table>
        </div>
      )}
      {audit.hasNextPage && (
        <button type="button" onClick={() => audit.fetchNextPage()} disabled={audit.isFetchingNextPage} className="rounded-md border border-neutral-300 px-3 py-1.5 text-sm dark:border-neutral-700">
          {audit.isFetchingNextPage ? 'Loading…' : 'Older events'}
        </button>
      )}
    </div>
  );
}

function EventRow({ event: e }: { event: AuditEvent }) {
  return (
    <tr data-testid="audit-row" data-action={e.action} className="border-b border-neutral-100 last:border-0 dark:border-neutral-800">
      <td className={`${CELL} whitespace-nowrap text-neutral-500`} title={e.at}>{e.at.replace('T', ' ').slice(0, 19)}</td>
      <td className={`${CELL} break-all`}>{e.actorEmail ?? e.actor ?? '—'}</td>
      <td className={`${CELL} font-mono text-xs`}>{e.action}</td>
      <td className={`${CELL} break-all font-mono text-xs`}>{e.subject}</td>
      {/* Details are data, some of it typed by users: shown as JSON text, never as markup. */}
      <td className={`${CELL} max-w-md break-all font-mono text-xs text-neutral-600 dark:text-neutral-400`}>{e.details === null ? '' : JSON.stringify(e.details)}</td>
      <td className={`${CELL} whitespace-nowrap text-neutral-500`}>{e.ip ?? ''}</td>
    </tr>
  );
}
