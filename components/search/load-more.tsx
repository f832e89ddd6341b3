'use client';
import { useEffect, useRef } from 'react';

interface LoadMoreProps {
  hasMore: boolean;
  loading: boolean;
  /** The last attempt failed: wait for a click instead of retrying on every scroll. */
  failed: boolean;
  onLoad: () => void;
}

// Start fetching a screen ahead of the end, so scrolling rarely waits.
const AHEAD = '800px';

/** The end of an infinitely scrolling list: loads the next page as it comes into view, or on a click. */
export function LoadMore({ hasMore, loading, failed, onLoad }: LoadMoreProps) {
  const sentinel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = sentinel.current;
    if (!el || !hasMore || loading || failed || typeof IntersectionObserver === 'undefined') return;
    // A fresh observer reports at once whether the end is still in view, so short pages chain until the screen is full.
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onLoad(), { rootMargin: AHEAD });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore, loading, failed, onLoad]);

  if (!hasMore) return <p className="py-4 text-center text-xs text-neutral-500 dark:text-neutral-400">End of results</p>;
  return (
    <div ref={sentinel} className="flex justify-center py-4">
      <button
        type="button"
        data-testid="load-more"
        onClick={onLoad}
        disabled={loading}
        className="rounded-md border border-neutral-300 bg-white px-4 py-1.5 text-sm font-medium hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-sky-500 disabled:opacity-60 dark:border-neutral-700 dark:bg-neutral-900 dark:hover:bg-neutral-800"
      >
        {loading ? 'Loading…' : failed ? 'Try loading more again' : 'Load more'}
      </button>
    </div>
  );
}
