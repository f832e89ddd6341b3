'use client';
// The search page's state lives in the URL: reload, back/forward and shared links all land on the same search.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo } from 'react';
import { readSearchState, searchHref, type SearchState } from './search-params';

export function useSearchState() {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const state = useMemo(() => readSearchState(new URLSearchParams(search.toString())), [search]);

  const hrefFor = (patch: Partial<SearchState>) => searchHref({ ...state, ...patch }, pathname);
  // Each change is one history entry. A filter change keeps the scroll position; a new query may ask to go to the top.
  const update = (patch: Partial<SearchState>, { scroll = false }: { scroll?: boolean } = {}) => router.push(hrefFor(patch), { scroll });
  return { state, update, hrefFor };
}
