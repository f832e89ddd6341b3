'use client';
// The browse page's state lives in the URL, so reload, back/forward and shared links all land on the same page.
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { FindPairsQuery, PAGE_SIZES } from '@/lib/pairs/schemas';

export interface BrowseParams {
  dataset?: string;
  page: number;
  pageSize: number;
}

// Read from the API's own schema, so the URL leaves out exactly the value the API would assume.
const DEFAULT_PAGE_SIZE = FindPairsQuery.shape.pageSize.parse(undefined);

function readInt(raw: string | null, fallback: number): number {
  const n = Number(raw);
  return Number.isSafeInteger(n) && n >= 1 ? n : fallback;
}

export function useBrowseParams() {
  const search = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const size = readInt(search.get('pageSize'), DEFAULT_PAGE_SIZE);
  const params: BrowseParams = {
    dataset: search.get('dataset') || undefined,
    page: readInt(search.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE,
  };

  const hrefFor = (next: Partial<BrowseParams>) => {
    const merged = { ...params, ...next };
    const out = new URLSearchParams();
    if (merged.dataset) out.set('dataset', merged.dataset);
    if (merged.page > 1) out.set('page', String(merged.page));
    if (merged.pageSize !== DEFAULT_PAGE_SIZE) out.set('pageSize', String(merged.pageSize));
    const query = out.toString();
    return query ? `${pathname}?${query}` : pathname;
  };
  const go = (next: Partial<BrowseParams>) => router.push(hrefFor(next));
  return { ...params, hrefFor, go };
}
