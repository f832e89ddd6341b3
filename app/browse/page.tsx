import { Suspense } from 'react';
import { BrowseView } from '@/components/browse/browse-view';
import { GridSkeleton } from '@/components/browse/pair-grid';

export default function BrowsePage() {
  // useSearchParams inside BrowseView needs a Suspense boundary, or the whole page renders in the browser.
  return (
    <Suspense fallback={<GridSkeleton />}>
      <BrowseView />
    </Suspense>
  );
}
