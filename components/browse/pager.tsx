import Link from 'next/link';
import type { ReactNode } from 'react';
import { PAGE_SIZES } from '@/lib/pairs/schemas';
import type { BrowseParams } from './use-browse-params';

interface PagerProps {
  page: number;
  pages: number;
  pageSize: number;
  hrefFor: (next: Partial<BrowseParams>) => string;
  onPageSize: (size: number) => void;
}

const STEP = 'rounded-md border px-3 py-1.5 text-sm font-medium';
const ENABLED = `${STEP} border-neutral-300 bg-white hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-neutral-700 dark:bg-neutral-900 dark:hover:bg-neutral-800`;
const DISABLED = `${STEP} cursor-not-allowed border-neutral-200 text-neutral-400 dark:border-neutral-800 dark:text-neutral-600`;

function Step({ to, testId, children }: { to: string | null; testId: string; children: ReactNode }) {
  if (!to) {
    return (
      <span aria-disabled="true" data-testid={testId} className={DISABLED}>
        {children}
      </span>
    );
  }
  return (
    <Link href={to} data-testid={testId} className={ENABLED}>
      {children}
    </Link>
  );
}

export function Pager({ page, pages, pageSize, hrefFor, onPageSize }: PagerProps) {
  const last = Math.max(pages, 1);
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center justify-center gap-3">
      <Step to={page > 1 ? hrefFor({ page: Math.min(page - 1, last) }) : null} testId="page-prev">
        <span aria-hidden>←</span> Prev
      </Step>
      <span data-testid="page-indicator" aria-live="polite" className="text-sm tabular-nums">
        Page {page} of {last}
      </span>
      <Step to={page < last ? hrefFor({ page: page + 1 }) : null} testId="page-next">
        Next <span aria-hidden>→</span>
      </Step>
      <label className="flex items-center gap-2 text-sm text-neutral-600 dark:text-neutral-400">
        Per page
        <select
          value={pageSize}
          onChange={(e) => onPageSize(Number(e.target.value))}
          data-testid="page-size"
          className="rounded-md border border-neutral-300 bg-white px-2 py-1 text-neutral-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100"
        >
          {PAGE_SIZES.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </nav>
  );
}
