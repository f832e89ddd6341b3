'use client';
import { useSafeMode } from './safe-mode';

export function SafeModeToggle() {
  const [on, setOn] = useSafeMode();
  return (
    <button
      type="button"
      role="switch"
      aria-checked={on}
      data-testid="safe-mode-toggle"
      onClick={() => setOn(!on)}
      title={on ? 'Images likely to be unsafe are blurred until clicked' : 'Unsafe images are shown unblurred'}
      className="flex items-center gap-2 rounded-full px-2 py-1 text-sm text-neutral-700 hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 dark:text-neutral-300 dark:hover:bg-neutral-800"
    >
      <span
        aria-hidden
        className={`relative inline-flex h-5 w-9 shrink-0 rounded-full transition-colors ${on ? 'bg-emerald-600' : 'bg-neutral-400 dark:bg-neutral-600'}`}
      >
        <span className={`absolute top-0.5 size-4 rounded-full bg-white shadow transition-transform ${on ? 'translate-x-4.5' : 'translate-x-0.5'}`} />
      </span>
      Safe mode
    </button>
  );
}
