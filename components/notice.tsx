import type { ReactNode } from 'react';
import { ApiError } from './queries/fetch-api';

/** A framed message in place of content: empty results, hints, errors. */
export function Notice({ title, tone = 'neutral', children }: { title: string; tone?: 'neutral' | 'error'; children?: ReactNode }) {
  const frame =
    tone === 'error'
      ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950/40 dark:text-red-200'
      : 'border-neutral-200 bg-white text-neutral-700 dark:border-neutral-800 dark:bg-neutral-900 dark:text-neutral-300';
  return (
    <section role={tone === 'error' ? 'alert' : undefined} className={`mx-auto max-w-xl space-y-3 rounded-lg border p-6 text-sm ${frame}`}>
      <h2 className="text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

export function ErrorNotice({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  // Asking again helps when the server was down or failed, not when it said the request is wrong.
  const retryable = !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
  return (
    <Notice title="Something went wrong" tone="error">
      <p data-testid="error-message" className="break-words">
        {error.message}
      </p>
      {error instanceof ApiError && <p className="font-mono text-xs opacity-70">{error.code}</p>}
      {onRetry && retryable && (
        <button type="button" onClick={onRetry} className="rounded border border-current px-3 py-1 focus-visible:outline-2 focus-visible:outline-sky-500">
          Try again
        </button>
      )}
    </Notice>
  );
}

export function Command({ children }: { children: string }) {
  return <code className="block overflow-x-auto rounded bg-neutral-100 px-3 py-2 font-mono text-xs dark:bg-neutral-800">{children}</code>;
}
