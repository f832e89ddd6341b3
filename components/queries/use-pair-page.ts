'use client';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { PairPage } from '@/lib/pairs/schemas';
import { fetchApi } from './fetch-api';

export interface PairPageParams {
  dataset?: string;
  page: number;
  pageSize: number;
}

export function usePairPage({ dataset, page, pageSize }: PairPageParams) {
  const search = new URLSearchParams({ page: String(page), pageSize: String(pageSize) });
  if (dataset) search.set('dataset', dataset);
  return useQuery({
    queryKey: ['pairs', 'page', { dataset: dataset ?? null, page, pageSize }],
    queryFn: ({ signal }) => fetchApi<PairPage>(`/api/pairs?${search}`, signal),
    // Paging keeps the old cards on screen (dimmed) instead of flashing skeletons between pages.
    placeholderData: keepPreviousData,
  });
}
