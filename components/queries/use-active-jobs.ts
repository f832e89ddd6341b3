'use client';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { JobSummary } from '@/lib/jobs/schemas';
import { fetchApi } from './fetch-api';
import { useMe } from './use-me';

/** Polls fast while work is under way and slowly otherwise (a job may be started from the CLI or another tab). */
const BUSY_MS = 1_500;
const IDLE_MS = 20_000;

/** Queued and running jobs; when one ends, what it may have changed (search status, results, pairs) is fetched again. */
export function useActiveJobs() {
  const client = useQueryClient();
  const me = useMe().data;
  const jobs = useQuery({
    // Nothing to ask before sign-in where reading is not public (the sign-in page).
    enabled: Boolean(me && (me.user || me.read === 'public')),
    queryKey: ['jobs', 'active'],
    queryFn: ({ signal }) => fetchApi<{ jobs: JobSummary[] }>('/api/jobs?active=1', signal),
    select: (d) => d.jobs,
    refetchInterval: (q) => ((q.state.data?.jobs.length ?? 0) > 0 ? BUSY_MS : IDLE_MS),
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  const seen = useRef<number[]>([]);
  useEffect(() => {
    const ids = (jobs.data ?? []).map((j) => j.id);
    const ended = seen.current.some((id) => !ids.includes(id));
    seen.current = ids;
    if (ended) {
      void client.invalidateQueries({ queryKey: ['search'] });
      void client.invalidateQueries({ queryKey: ['pairs'] });
      void client.invalidateQueries({ queryKey: ['datasets'] });
    }
  }, [jobs.data, client]);
  return jobs;
}
