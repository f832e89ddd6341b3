'use client';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ChoiceSelect } from '../choice-select';
import { TEXT_MODES, type TextMode } from './search-params';

interface SearchBarProps {
  q: string;
  mode: TextMode;
  onSearch: (q: string) => void;
  onMode: (mode: TextMode) => void;
}

const MODE_LABELS: Record<TextMode, string> = { semantic: 'By meaning', keyword: 'Keywords', hybrid: 'Both (hybrid)' };

// `/` focuses the box from anywhere, except while the user is typing into another field.
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export function SearchBar({ q, mode, onSearch, onMode }: SearchBarProps) {
  const input = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState(q);
  const [seen, setSeen] = useState(q);
  // Back/forward and "Search with this caption" change q under the box.
  if (seen !== q) {
    setSeen(q);
    setDraft(q);
  }

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      e.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSearch(draft);
  };
  return (
    <form role="search" aria-label="Search pairs" onSubmit={submit} className="flex flex-wrap items-center gap-2">
      <input
        ref={input}
        type="search"
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        placeholder="Search captions and images…  (press / to focus)"
        aria-label="Search text"
        aria-keyshortcuts="/"
        data-testid="search-input"
        className="min-w-0 flex-1 basis-64 rounded-md border border-neutral-300 bg-white px-3 py-2 text-base focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-neutral-700 dark:bg-neutral-900"
      />
      <ChoiceSelect label="Mode" value={mode} options={TEXT_MODES} labels={MODE_LABELS} onChange={onMode} testId="search-mode" hideLabelOnNarrow size="md" />
      <button
        type="submit"
        data-testid="search-submit"
        className="rounded-md bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500"
      >
        Search
      </button>
    </form>
  );
}
