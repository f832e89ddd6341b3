'use client';
import { useState, type FormEvent } from 'react';
import { SearchQuery } from '@/lib/search/schemas';

/** An image on the web as the query; the server fetches it (never a private address). */
export function ImageUrlField({ value, onSubmit }: { value: string | undefined; onSubmit: (url: string | undefined) => void }) {
  const [draft, setDraft] = useState(value ?? '');
  const [seen, setSeen] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  // Back/forward changes the URL under the field: show what is searched, not a stale draft.
  if (seen !== value) {
    setSeen(value);
    setDraft(value ?? '');
    setProblem(null);
  }
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!draft.trim()) return onSubmit(undefined);
    const parsed = SearchQuery.shape.imageUrl.safeParse(draft);
    if (!parsed.success) return setProblem('Enter a full http(s) address of an image.');
    setProblem(null);
    onSubmit(parsed.data);
  };
  return (
    <form onSubmit={submit} className="flex min-w-0 flex-1 items-center gap-2" role="search" aria-label="Search by image URL">
      <input
        type="url"
        inputMode="url"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        placeholder="or an image URL…"
        aria-label="Image URL"
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? 'image-url-problem' : undefined}
        data-testid="image-url-input"
        className="min-w-0 flex-1 rounded-md border border-neutral-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-sky-500 aria-invalid:border-red-500 dark:border-neutral-700 dark:bg-neutral-900"
      />
      <button
        type="submit"
        className="rounded-md border border-neutral-300 px-2 py-1.5 text-sm hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-neutral-700 dark:hover:bg-neutral-800"
      >
        Search URL
      </button>
      {problem && (
        <p id="image-url-problem" role="alert" className="text-xs text-red-700 dark:text-red-400">
          {problem}
        </p>
      )}
    </form>
  );
}
