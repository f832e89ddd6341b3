'use client';
import { useQuery } from '@tanstack/react-query';
import type { AuditPage } from '@/lib/audit/schemas';
import { fetchApi } from '../queries/fetch-api';
import { useCan } from '../queries/use-me';

/** The request's history from the audit trail (reviewers and up may read the trail). */
export function TakedownHistory({ id }: { id: number }) {
  const can = useCan('reviewer');
  const events = useQuery({ queryKey: ['audit', { subject: `takedown:${id}` }], queryFn: ({ signal }) => fetchApi<AuditPage>(`/api/audit?subject=takedown:${id}&limit=200`, signal), enabled: can });
  if (!can || !events.data) return null;
  return (
    <section className="space-y-1">
      <h2 className="text-base font-semibold">History</h2>
      <ol data-testid="takedown-history" className="space-y-1 text-sm">
        {events.data.events.map((e) => (
          <li key={e.id} className="flex flex-wrap gap-2">
            <span className="text-neutral-500">{e.at.slice(0, 16).replace('T', ' ')}</span><span className="font-mono text-xs">{e.action}</span><span>{e.actorEmail ?? e.actor ?? 'public form'}</span>
            {e.details !== null && <span className="break-all font-mono text-xs text-neutral-500">{JSON.stringify(e.details)}</span>}
          </li>
        ))}
      </ol>
    </section>
  );
}
