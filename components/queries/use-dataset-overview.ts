'use client';
import { useQuery } from '@tanstack/react-query';
import type { DatasetOverview, NearDuplicateStats } from '@/lib/datasets/overview-schemas';
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

/** Asked separately: near-duplicates take one index look-up per sampled pair, and the rest of the page need not wait. */
export function useNearDuplicates(name: string) {
  return useQuery({
    queryKey: ['datasets', name, 'near-duplicates'],
    queryFn: ({ signal }) => fetchApi<NearDuplicateStats>(`/api/datasets/${encodeURIComponent(name)}/near-duplicates`, signal),
    staleTime: STALE_MS,
  });
}
