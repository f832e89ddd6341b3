'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ExportRequestInput, ExportSummary } from '@/lib/export/schemas';
import { fetchApi } from './fetch-api';

export function useExports() {
  return useQuery({
    queryKey: ['exports'],
    queryFn: ({ signal }) => fetchApi<{ exports: ExportSummary[] }>('/api/exports', signal),
    select: (d) => d.exports,
    refetchInterval: (q) => (q.state.data?.exports.some((e) => e.state === 'queued' || e.state === 'running') ? 1_500 : 20_000),
    staleTime: 0,
  });
}

export function useCreateExport() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ExportRequestInput) => fetchApi<{ export: ExportSummary }>('/api/exports', undefined, input as unknown as Record<string, unknown>),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['exports'] });
      void client.invalidateQueries({ queryKey: ['jobs'] });
    },
  });
}
