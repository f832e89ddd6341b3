'use client';
import { useState } from 'react';
import type { PairSummary } from '@/lib/pairs/schemas';
import { useSafeMode } from '../safe-mode';
import { ImagePlaceholder } from './image-placeholder';

// LAION's punsafe is a probability; above one half the classifier leans unsafe.
export const UNSAFE_THRESHOLD = 0.5;
const ALT_LENGTH = 120;

function altText(caption: string | null): string {
  if (!caption) return 'image without a caption';
  return caption.length > ALT_LENGTH ? `${caption.slice(0, ALT_LENGTH)}…` : caption;
}

export function PairImage({ pair }: { pair: PairSummary }) {
  const [safeMode] = useSafeMode();
  const [failed, setFailed] = useState(false);
  const [revealed, setRevealed] = useState(false);
  // Turning safe mode back on blurs again what was revealed under it.
  const [seenSafeMode, setSeenSafeMode] = useState(safeMode);
  if (seenSafeMode !== safeMode) {
    setSeenSafeMode(safeMode);
    setRevealed(false);
  }

  if (pair.hidden) {
    return (
      <div data-testid="pair-hidden" className="flex aspect-square items-center justify-center bg-neutral-900 p-4 text-center text-sm font-medium text-neutral-100">
        Hidden: suspected CSAM
      </div>
    );
  }
  const unsafe = (pair.punsafe ?? 0) > UNSAFE_THRESHOLD;
  if (!pair.imageSrc || failed) {
    return (
      <div className="relative">
        <ImagePlaceholder />
        {unsafe && <UnsafeBadge />}
      </div>
    );
  }
  const blurred = unsafe && safeMode && !revealed;
  return (
    <div className="relative aspect-square overflow-hidden bg-neutral-100 dark:bg-neutral-800">
      {/* Plain <img>: remote LAION URLs must never be fetched by our server (no next/image). */}
      <img
        src={pair.imageSrc}
        alt={altText(pair.caption)}
        referrerPolicy="no-referrer"
        loading="lazy"
        decoding="async"
        onError={() => setFailed(true)}
        data-blurred={blurred}
        className={`size-full object-contain transition-[filter] duration-200 ${blurred ? 'scale-110 blur-2xl' : ''}`}
      />
      {blurred && (
        <button
          type="button"
          onClick={() => setRevealed(true)}
          className="absolute inset-0 flex items-center justify-center text-xs font-medium text-white focus-visible:outline-2 focus-visible:-outline-offset-4 focus-visible:outline-sky-400"
        >
          <span className="rounded bg-black/60 px-2 py-1">Show unsafe image</span>
        </button>
      )}
      {unsafe && <UnsafeBadge />}
    </div>
  );
}

function UnsafeBadge() {
  return (
    <span
      data-testid="unsafe-badge"
      title="punsafe above 0.5: likely unsafe"
      className="pointer-events-none absolute left-1.5 top-1.5 rounded bg-red-600 px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-white"
    >
      unsafe
    </span>
  );
}
