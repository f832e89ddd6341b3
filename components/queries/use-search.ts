'use client';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { SearchQueryInput, SearchResponse } from '@/lib/search/schemas';
import { fetchApi } from './fetch-api';

/** An image the user dropped, pasted or picked; `id` tells two uploads apart in the query cache. */
export interface ImageUpload {
  id: number;
  file: File;
}

interface PageParam {
  cursor: string;
  /** The first page's queryEmbedding: later pages of an image query send it instead of the image. */
  embedding?: number[];
}

function searchPage(input: SearchQueryInput, upload: ImageUpload | null, page: PageParam | null, signal: AbortSignal) {
  if (page?.embedding) {
    return fetchApi<SearchResponse>('/api/search', signal, { ...input, imageUrl: undefined, embedding: page.embedding, cursor: page.cursor });
  }
  const query = page ? { ...input, cursor: page.cursor } : input;
  if (!upload) return fetchApi<SearchResponse>('/api/search', signal, query);
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
    initialPageParam: null as PageParam | null,
    getNextPageParam: (last, pages): PageParam | null =>
      last.nextCursor ? { cursor: last.nextCursor, embedding: pages[0].queryEmbedding } : null,
    // A changed filter dims the old hits instead of flashing skeletons.
    placeholderData: keepPreviousData,
    enabled,
  });
}
