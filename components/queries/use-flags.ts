'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { DecideInput, FlagPairsInput, FlagPreview, FlagResult, FlagSummary, FlagTarget } from '@/lib/flags/schemas';
import { fetchApi } from './fetch-api';

/**
 * After a flag changes, whatever shows flags or hides flagged pairs is fetched again. Not awaited: the caller's own
 * onSuccess (a toast, closing a dialog) must run before a refetch can unmount the component that asked.
 */
function useRefreshAfterFlags() {
  const client = useQueryClient();
  return () => {
    for (const k of ['search', 'pairs', 'pair', 'flags', 'review', 'jobs', 'audit']) void client.invalidateQueries({ queryKey: [k] });
  };
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
