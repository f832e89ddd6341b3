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

/** Our thumbnail route takes a size; remote URLs are shown as they are (our server never fetches them). */
function sources(pair: PairSummary, full: boolean): { src: string | null; srcSet?: string } {
  if (full || !pair.thumbSrc?.startsWith('/api/')) return { src: full ? pair.imageSrc : pair.thumbSrc };
  return { src: pair.thumbSrc, srcSet: `${pair.thumbSrc} 1x, ${pair.thumbSrc}&size=512 2x` };
}

/** Grids show the thumbnail; the pair page passes `full` for the original image. */
export function PairImage({ pair, full = false }: { pair: PairSummary; full?: boolean }) {
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
  // A pair under an open or confirmed flag is in doubt: blurred exactly like an unsafe one.
  const doubtful = unsafe || pair.flagged;
  const badges = (
    <div className="pointer-events-none absolute left-1.5 top-1.5 flex gap-1">
      {unsafe && <Badge testId="unsafe-badge" title="punsafe above 0.5: likely unsafe" label="unsafe" tone="bg-red-600" />}
      {pair.flagged && <Badge testId="flagged-badge" title="has an open or confirmed flag" label="flagged" tone="bg-amber-600" />}
    </div>
  );
  const { src, srcSet } = sources(pair, full);
  if (!src || failed) {
    return (
      <div className="relative">
        <ImagePlaceholder />
        {badges}
      </div>
    );
  }
  const blurred = doubtful && safeMode && !revealed;
  return (
    <div className="relative aspect-square overflow-hidden bg-neutral-100 dark:bg-neutral-800">
      {/* Plain <img>: remote LAION URLs must never be fetched by our server (no next/image). */}
      <img
        src={src}
        srcSet={srcSet}
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
          <span className="rounded bg-black/60 px-2 py-1">{unsafe ? 'Show unsafe image' : 'Show flagged image'}</span>
        </button>
      )}
      {badges}
    </div>
  );
}

function Badge({ testId, title, label, tone }: { testId: string; title: string; label: string; tone: string }) {
  return (
    <span data-testid={testId} title={title} className={`rounded ${tone} px-1.5 py-0.5 text-[10px] font-semibold uppercase tracking-wide text-white`}>
      {label}
    </span>
  );
}
