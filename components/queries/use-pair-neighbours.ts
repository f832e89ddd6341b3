'use client';
import { useQuery } from '@tanstack/react-query';
import type { DuplicateGroup, PairNeighbours } from '@/lib/similar/neighbour-schemas';
import { fetchApi } from './fetch-api';

// Under ['pairs', …]: whatever refreshes pairs after a flag changes refreshes these too (hidden, flagged).
export function usePairNeighbours(id: number) {
  return useQuery({
    queryKey: ['pairs', 'neighbours', id],
    queryFn: ({ signal }) => fetchApi<PairNeighbours>(`/api/pairs/${id}/neighbours`, signal),
  });
}

export function usePairDuplicates(id: number) {
  return useQuery({
    queryKey: ['pairs', 'duplicates', id],
    queryFn: ({ signal }) => fetchApi<DuplicateGroup>(`/api/pairs/${id}/duplicates`, signal),
  });
}
