'use client';
import { useQuery } from '@tanstack/react-query';
import type { DatasetOverview, ExactDuplicates, NearDuplicateStats } from '@/lib/overview/overview-schemas';
import { fetchApi } from './fetch-api';

// Aggregates over a whole dataset cost a scan of it: kept for a minute rather than refetched on every focus.
const STALE_MS = 60_000;

export function useDatasetOverview(name: string) {
  return useQuery({
    queryKey: ['datasets', name, 'overview'],
    queryFn: ({ signal }) => fetchApi<DatasetOverview>(`/api/datasets/${encodeURIComponent(name)}/overview`, signal),
    staleTime: STALE_MS,
  });
}

/** Asked separately, like near-duplicates: grouping by URL and hash costs more than the rest, which need not wait. */
export function useExactDuplicates(name: string) {
  return useQuery({
    queryKey: ['datasets', name, 'duplicates'],
    queryFn: ({ signal }) => fetchApi<ExactDuplicates>(`/api/datasets/${encodeURIComponent(name)}/duplicates`, signal),
    staleTime: STALE_MS,
  });
}

/** Asked separately: near-duplicates take one index look-up per sampled pair, and the rest of the page need not wait. */
export function useNearDuplicates(name: string) {
  return useQuery({
    queryKey: ['datasets', name, 'near-duplicates'],
    queryFn: ({ signal }) => fetchApi<NearDuplicateStats>(`/api/datasets/${encodeURIComponent(name)}/near-duplicates`, signal),
    staleTime: STALE_MS,
  });
}
