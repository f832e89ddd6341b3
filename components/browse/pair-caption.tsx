'use client';
import { useEffect, useRef, useState } from 'react';

// A tooltip is for reading the rest of a caption, not for carrying a scraped novel.
const TITLE_LENGTH = 1000;

/** Captions are hostile web text: always a React text node, never parsed as HTML. */
export function PairCaption({ caption }: { caption: string | null }) {
  const ref = useRef<HTMLParagraphElement>(null);
  const [open, setOpen] = useState(false);
  const [clamped, setClamped] = useState(false);

  // Whether three lines hide anything depends on the card's width, so measure rather than count characters.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const check = () => setClamped(el.scrollHeight > el.clientHeight + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    return () => observer.disconnect();
  }, [caption]);

  if (!caption) return <p className="text-sm italic text-neutral-400">no caption</p>;
  return (
    <div className="text-sm">
      {/* Expanded, a caption of a few kilobytes scrolls inside its card instead of stretching its whole row. */}
      <p
        ref={ref}
        data-testid="pair-caption"
        title={clamped && !open ? caption.slice(0, TITLE_LENGTH) : undefined}
        className={`break-words ${open ? 'max-h-40 overflow-y-auto' : 'line-clamp-3'}`}
      >
        {caption}
      </p>
      {(clamped || open) && (
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          className="mt-0.5 text-xs text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-400"
        >
          {open ? 'less' : 'more'}
        </button>
      )}
    </div>
  );
}
