'use client';
import { useEffect, useState, type ReactNode } from 'react';

interface QueryChipProps {
  testId: string;
  /** What the chip stands for, read out with the remove button's name. */
  label: string;
  children: ReactNode;
  onRemove: () => void;
  /** A local image to show as a thumbnail (an upload: never a remote URL). */
  file?: File;
}

/** The non-text query being searched (an image, an image URL, a pair), with a button to drop it. */
export function QueryChip({ testId, label, children, onRemove, file }: QueryChipProps) {
  const preview = usePreview(file);
  return (
    <div
      data-testid={testId}
      className="inline-flex max-w-full items-center gap-2 rounded-full border border-neutral-300 bg-white py-0.5 pl-1 pr-1 text-sm dark:border-neutral-700 dark:bg-neutral-900"
    >
      {preview ? <img src={preview} alt="" className="size-7 rounded-full object-cover" /> : <span className="pl-2" />}
      <span className="min-w-0 truncate">{children}</span>
      <button
        type="button"
        onClick={onRemove}
        aria-label={`Remove ${label}`}
        className="flex size-6 items-center justify-center rounded-full text-neutral-500 hover:bg-neutral-100 hover:text-neutral-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-neutral-800 dark:hover:text-neutral-100"
      >
        <span aria-hidden>×</span>
      </button>
    </div>
  );
}

function usePreview(file: File | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return setUrl(null);
    const next = URL.createObjectURL(file);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [file]);
  return url;
}
