'use client';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReviewPage, ReviewQuery } from '@/lib/flags/schemas';
import { fetchApi } from './fetch-api';

export type ReviewFilters = Partial<Pick<ReviewQuery, 'reason' | 'dataset' | 'origin' | 'olderThanHours'>>;

/** The open flags, oldest first, a page at a time (the next page is fetched before the reviewer reaches it). */
export function useReviewQueue(filters: ReviewFilters) {
  return useInfiniteQuery({
    queryKey: ['review', filters],
    queryFn: ({ signal, pageParam }) => {
      const q = new URLSearchParams(Object.entries({ ...filters, limit: 20, after: pageParam || undefined }).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)]));
      return fetchApi<ReviewPage>(`/api/review?${q}`, signal);
    },
    initialPageParam: 0,
    getNextPageParam: (last) => last.next ?? undefined,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}
