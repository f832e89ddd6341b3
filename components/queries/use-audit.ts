'use client';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { AuditPage } from '@/lib/audit/schemas';
import { fetchApi } from './fetch-api';

export type AuditFilters = Partial<Record<'actor' | 'action' | 'subject' | 'dataset' | 'from' | 'to', string>>;

export const auditQueryString = (f: AuditFilters, extra: Record<string, string> = {}) =>
  new URLSearchParams({ ...Object.fromEntries(Object.entries(f).filter(([, v]) => v)), ...extra }).toString();

/** The trail, newest first, one keyset page after another. */
export function useAudit(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit', filters],
    queryFn: ({ signal, pageParam }) =>
      fetchApi<AuditPage>(`/api/audit?${auditQueryString(filters, pageParam ? { before: String(pageParam) } : {})}`, signal),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    staleTime: 0,
  });
}
