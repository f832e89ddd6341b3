// Stands in for an image that cannot be shown: no URL, a dead remote host, or an offline machine.
export function ImagePlaceholder({ label = 'image unavailable' }: { label?: string }) {
  return (
    <div
      role="img"
      aria-label={label}
      data-testid="image-placeholder"
      className="flex aspect-square flex-col items-center justify-center gap-2 bg-neutral-100 text-neutral-400 dark:bg-neutral-800 dark:text-neutral-500"
    >
      <svg aria-hidden viewBox="0 0 24 24" className="size-8" fill="none" stroke="currentColor" strokeWidth="1.5">
        <rect x="3" y="4" width="18" height="16" rx="2" />
        <circle cx="9" cy="10" r="1.5" />
        <path d="m21 16-5-5-8 8M3 3l18 18" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      <span className="text-xs">{label}</span>
    </div>
  );
}
