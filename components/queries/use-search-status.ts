'use client';
import { useQuery } from '@tanstack/react-query';
import type { SearchStatus } from '@/lib/search/schemas';
import { fetchApi } from './fetch-api';

/** Whether text and image queries can be encoded for a dataset (the first one when left out). */
export function useSearchStatus(dataset: string | undefined) {
  const query = dataset ? `?${new URLSearchParams({ dataset })}` : '';
  return useQuery({
    queryKey: ['search', 'status', dataset ?? null],
    queryFn: ({ signal }) => fetchApi<SearchStatus>(`/api/search/status${query}`, signal),
    // While the dataset is being embedded, follow the run so the banner's progress moves and then goes.
    refetchInterval: (q) => (q.state.data?.semantic.embedding ? 2_000 : false),
  });
}
