'use client';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { SearchQueryInput, SearchResponse } from '@/lib/search/schemas';
import { fetchApi } from './fetch-api';

/** An image the user dropped, pasted or picked; `id` tells two uploads apart in the query cache. */
export interface ImageUpload {
  id: number;
  file: File;
}

function searchPage(input: SearchQueryInput, upload: ImageUpload | null, cursor: string | null, signal: AbortSignal) {
  const query = cursor ? { ...input, cursor } : input;
  if (!upload) return fetchApi<SearchResponse>('/api/search', signal, query);
  // A cursor is only valid with the same query, so every page sends the image again.
  const form = new FormData();
  form.set('query', JSON.stringify(query));
  form.set('image', upload.file);
  return fetchApi<SearchResponse>('/api/search', signal, form);
}

/** Pages of search hits, each asked for with the previous page's nextCursor. */
export function useSearch(input: SearchQueryInput, upload: ImageUpload | null, enabled = true) {
  return useInfiniteQuery({
    queryKey: ['search', input, upload?.id ?? null],
    queryFn: ({ pageParam, signal }) => searchPage(input, upload, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // A changed filter dims the old hits instead of flashing skeletons.
    placeholderData: keepPreviousData,
    enabled,
  });
}
