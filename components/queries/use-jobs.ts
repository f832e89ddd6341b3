'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { JobSummary } from '@/lib/jobs/schemas';
import { fetchApi } from './fetch-api';

/** Recent jobs, newest first; polled while any is still running. */
export function useJobs() {
  return useQuery({
    queryKey: ['jobs', 'recent'],
    queryFn: ({ signal }) => fetchApi<{ jobs: JobSummary[] }>('/api/jobs?limit=100', signal),
    select: (d) => d.jobs,
    refetchInterval: (q) => (q.state.data?.jobs.some((j) => j.state === 'queued' || j.state === 'running') ? 1_500 : 15_000),
    staleTime: 0,
  });
}

export function useCancelJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => fetchApi<{ job: JobSummary }>(`/api/jobs/${id}/cancel`, undefined, {}),
    onSettled: () => client.invalidateQueries({ queryKey: ['jobs'] }),
  });
}
