import { Suspense } from 'react';
import { GridSkeleton } from '@/components/browse/pair-grid';
import { SearchView } from '@/components/search/search-view';

export default function SearchPage() {
  // useSearchParams inside SearchView needs a Suspense boundary, or the whole page renders in the browser.
  return (
    <Suspense fallback={<GridSkeleton />}>
      <SearchView />
    </Suspense>
  );
}
