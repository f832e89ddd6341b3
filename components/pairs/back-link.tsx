'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';

/** Back to where the user came from (the results, scroll and all), or to the search page from a fresh tab. */
export function BackLink() {
  const router = useRouter();
  return (
    <Link
      href="/"
      onClick={(e) => {
        if (window.history.length <= 1) return;
        e.preventDefault();
        router.back();
      }}
      data-testid="back-link"
      className="text-sm text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-400"
    >
      <span aria-hidden>←</span> Back
    </Link>
  );
}
