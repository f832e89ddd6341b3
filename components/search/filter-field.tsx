'use client';
import { useState, type InputHTMLAttributes } from 'react';

interface FilterFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'> {
  label: string;
  /** The value in the URL ('' when unset). */
  value: string;
  /** Called with the typed text on Enter or leaving the field; returns a problem to show, or null when taken. */
  onCommit: (raw: string) => string | null;
  testId: string;
}

/** A typed filter that applies on Enter or blur, so typing "0.35" makes one history entry, not four. */
export function FilterField({ label, value, onCommit, testId, ...input }: FilterFieldProps) {
  const [draft, setDraft] = useState(value);
  const [seen, setSeen] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  if (seen !== value) {
    setSeen(value);
    setDraft(value);
    setProblem(null);
  }
  const commit = () => {
    if (draft.trim() === value) return setProblem(null);
    setProblem(onCommit(draft));
  };
  return (
    <label className="flex flex-col gap-1 text-xs text-neutral-600 dark:text-neutral-400">
      {label}
      <input
        {...input}
        value={draft}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          commit();
        }}
        aria-invalid={problem ? true : undefined}
        title={problem ?? undefined}
        data-testid={testId}
        className="w-full rounded-md border border-neutral-300 bg-white px-2 py-1 text-sm text-neutral-900 focus-visible:outline-2 focus-visible:outline-sky-500 aria-invalid:border-red-500 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100"
      />
      {problem && <span className="text-red-700 dark:text-red-400">{problem}</span>}
    </label>
  );
}
