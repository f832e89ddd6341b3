'use client';

interface SelectionBarProps {
  count: number;
  total: number;
  onFlag: () => void;
  onSelectAll: () => void;
  onClear: () => void;
}

/** Sticks to the bottom while pairs are selected: how many, and what can be done with them. */
export function SelectionBar({ count, total, onFlag, onSelectAll, onClear }: SelectionBarProps) {
  const BUTTON = 'rounded-md border border-neutral-300 px-3 py-1 text-sm hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800';
  return (
    <div data-testid="selection-bar" className="sticky bottom-0 z-10 -mx-4 flex flex-wrap items-center gap-2 border-t border-neutral-200 bg-white/95 px-4 py-2 backdrop-blur sm:-mx-6 dark:border-neutral-800 dark:bg-neutral-900/95">
      <span data-testid="selection-count" className="text-sm font-medium">{count.toLocaleString('en')} selected</span>
      <button type="button" data-testid="flag-selection" onClick={onFlag} disabled={count === 0} className="rounded-md bg-red-700 px-3 py-1 text-sm font-medium text-white disabled:opacity-50">Flag…</button>
      {count < total && <button type="button" data-testid="select-all" onClick={onSelectAll} className={BUTTON}>Select all on this page ({total})</button>}
      <button type="button" onClick={onClear} className={BUTTON}>Clear</button>
    </div>
  );
}
