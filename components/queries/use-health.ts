'use client';
import { useQuery } from '@tanstack/react-query';
import type { Health } from '@/lib/health/get-health';
import { fetchApi } from './fetch-api';

/** /api/health once per page load: which database the server uses does not change while it runs. */
export function useHealth() {
  return useQuery({
    queryKey: ['health'],
    queryFn: ({ signal }) => fetchApi<Health>('/api/health', signal),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    retry: false,
  });
}
