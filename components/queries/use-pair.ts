'use client';
import { useQuery } from '@tanstack/react-query';
import type { PairDetail } from '@/lib/pairs/schemas';
import { fetchApi } from './fetch-api';

export function usePair(id: number) {
  return useQuery({
    queryKey: ['pairs', 'detail', id],
    queryFn: ({ signal }) => fetchApi<PairDetail>(`/api/pairs/${id}`, signal),
  });
}
