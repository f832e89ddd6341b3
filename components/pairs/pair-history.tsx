'use client';
import { useQuery } from '@tanstack/react-query';
import type { AuditPage } from '@/lib/audit/schemas';
import { fetchApi } from '../queries/fetch-api';
import { useCan } from '../queries/use-me';

/** The pair's audit events (reviewers and up, who may read the trail), newest first. */
export function PairHistory({ pairId }: { pairId: number }) {
  const can = useCan('reviewer');
  const events = useQuery({
    queryKey: ['audit', { subject: `pair:${pairId}` }],
    queryFn: ({ signal }) => fetchApi<AuditPage>(`/api/audit?subject=pair:${pairId}&limit=50`, signal),
    enabled: can,
  });
  if (!can || !events.data) return null;
  return (
    <section aria-label="History" className="space-y-2">
      <h2 className="text-base font-semibold">History</h2>
      {events.data.events.length === 0 ? (
        <p className="text-sm text-neutral-500">Nothing has happened to this pair yet.</p>
      ) : (
        <ol data-testid="pair-history" className="space-y-1 text-sm">
          {events.data.events.map((e) => (
            <li key={e.id} className="flex flex-wrap gap-2">
              <span className="whitespace-nowrap text-neutral-500">{e.at.slice(0, 16).replace('T', ' ')}</span>
              <span className="font-mono text-xs">{e.action}</span>
              <span>{e.actorEmail ?? e.actor ?? 'system'}</span>
              {e.details !== null && <span className="break-all font-mono text-xs text-neutral-500">{JSON.stringify(e.details)}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
