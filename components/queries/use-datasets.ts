'use client';
import { useQuery } from '@tanstack/react-query';
import type { DatasetSummary } from '@/lib/datasets/schemas';
import { fetchApi } from './fetch-api';

export function useDatasets() {
  return useQuery({
    queryKey: ['datasets'],
    queryFn: ({ signal }) => fetchApi<{ datasets: DatasetSummary[] }>('/api/datasets', signal),
    select: (data) => data.datasets,
  });
}
