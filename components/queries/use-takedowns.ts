'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TakedownDetail, TakedownSummary } from '@/lib/takedowns/schemas';
import { fetchApi } from './fetch-api';
import { useCan } from './use-me';

export function useTakedowns() {
  const can = useCan('curator');
  return useQuery({
    queryKey: ['takedowns'],
    queryFn: ({ signal }) => fetchApi<{ takedowns: TakedownSummary[]; overdue: number }>('/api/takedowns', signal),
    enabled: can,
    refetchInterval: 60_000,
  });
}

export function useTakedown(id: number) {
  return useQuery({ queryKey: ['takedowns', id], queryFn: ({ signal }) => fetchApi<{ takedown: TakedownDetail }>(`/api/takedowns/${id}`, signal), select: (d) => d.takedown });
}

/** Every change to a request refreshes it, the list, flags and searches (apply hides pairs). */
export function useTakedownAction<I, R = unknown>(id: number, call: (input: I) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    // Not awaited, so the caller's own callbacks run first (see use-flags.ts).
    onSettled: () => {
      for (const k of ['takedowns', 'search', 'pairs', 'flags', 'jobs']) void client.invalidateQueries({ queryKey: [k] });
    },
    meta: { id },
  });
}

export const takedownCall = <R = unknown>(id: number, path: string, body: Record<string, unknown> = {}, method?: 'PATCH') => fetchApi<R>(`/api/takedowns/${id}/${path}`, undefined, body, method);
