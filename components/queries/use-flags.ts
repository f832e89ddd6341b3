'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DecideInput, FlagPairsInput, FlagPreview, FlagResult, FlagSummary, FlagTarget } from '@/lib/flags/schemas';
import { fetchApi } from './fetch-api';

/** After a flag changes, whatever shows flags or hides flagged pairs is fetched again. */
function useRefreshAfterFlags() {
  const client = useQueryClient();
  return () => Promise.all(['search', 'pairs', 'pair', 'flags', 'review', 'jobs', 'audit'].map((k) => client.invalidateQueries({ queryKey: [k] })));
}

export function useFlagPreview(target: FlagTarget | null) {
  return useQuery({
    queryKey: ['flags', 'preview', target],
    queryFn: ({ signal }) => fetchApi<FlagPreview>('/api/flags/preview', signal, target as unknown as Record<string, unknown>),
    enabled: target !== null && target.kind !== 'pairs',
    staleTime: 0,
  });
}

export function useFlagPairs() {
  const refresh = useRefreshAfterFlags();
  return useMutation({ mutationFn: (input: FlagPairsInput) => fetchApi<FlagResult>('/api/flags', undefined, input as unknown as Record<string, unknown>), onSuccess: refresh });
}

export function usePairFlags(pairId: number) {
  return useQuery({ queryKey: ['flags', 'pair', pairId], queryFn: ({ signal }) => fetchApi<{ flags: FlagSummary[] }>(`/api/pairs/${pairId}/flags`, signal), select: (d) => d.flags });
}

export function useDecideFlag() {
  const refresh = useRefreshAfterFlags();
  return useMutation({
    mutationFn: ({ id, ...input }: DecideInput & { id: number }) => fetchApi<{ flag: FlagSummary }>(`/api/flags/${id}/decision`, undefined, input),
    onSettled: refresh,
  });
}

export function useUndoDecision() {
  const refresh = useRefreshAfterFlags();
  return useMutation({ mutationFn: (id: number) => fetchApi<{ flag: FlagSummary }>(`/api/flags/${id}/undo`, undefined, {}), onSettled: refresh });
}

export function useWithdrawFlag() {
  const refresh = useRefreshAfterFlags();
  return useMutation({ mutationFn: (id: number) => fetchApi<{ withdrawn: number }>(`/api/flags/${id}`, undefined, undefined, 'DELETE'), onSettled: refresh });
}
