'use client';
import { useQuery } from '@tanstack/react-query';
import type { OptOutStatus } from '@/lib/takedowns/schemas';
import { ErrorNotice } from '../notice';
import { fetchApi } from '../queries/fetch-api';

const WORDS: Record<OptOutStatus['state'], string> = {
  received: 'Received: a curator will look at it soon.',
  matched: 'Being worked on: we have found what your request names.',
  applied: 'Done: what your request names is taken out of what we share.',
  closed: 'Closed.',
  rejected: 'Closed without action; you will hear from us why.',
};

/** What a tracking link shows: the state of that one request, nothing else. */
export function OptOutStatusView({ token }: { token: string }) {
  const s = useQuery({ queryKey: ['opt-out', token], queryFn: ({ signal }) => fetchApi<{ status: OptOutStatus }>(`/api/opt-out/${encodeURIComponent(token)}`, signal), select: (d) => d.status });
  if (s.isError) return <ErrorNotice error={s.error} />;
  if (!s.data) return <div role="status" aria-label="Loading…" className="mx-auto h-32 max-w-xl animate-pulse rounded-lg bg-neutral-200 dark:bg-neutral-800" />;
  return (
    <section data-testid="opt-out-status" data-state={s.data.state} className="mx-auto max-w-xl space-y-2 rounded-lg border border-neutral-200 bg-white p-5 text-sm dark:border-neutral-800 dark:bg-neutral-900">
      <h1 className="text-lg font-semibold">Your request of {s.data.received}</h1>
      <p>{WORDS[s.data.state]}</p>
      {s.data.removed > 0 && <p>{s.data.removed} picture{s.data.removed === 1 ? '' : 's'} taken out.</p>}
    </section>
  );
}
