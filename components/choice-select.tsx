// A labelled <select> over a fixed list of values, each shown by its label: the one shape of every choice control.

const SELECT =
  'rounded-md border border-neutral-300 bg-white px-2 text-neutral-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100';

interface ChoiceSelectProps<T extends string> {
  label: string;
  value: T;
  options: readonly T[];
  labels: Record<T, string>;
  onChange: (value: T) => void;
  testId?: string;
  /** Screen readers still read a hidden label; narrow screens drop it from view. */
  hideLabelOnNarrow?: boolean;
  size?: 'sm' | 'md';
}

export function ChoiceSelect<T extends string>({ label, value, options, labels, onChange, testId, hideLabelOnNarrow, size = 'sm' }: ChoiceSelectProps<T>) {
  return (
    <label className="flex items-center gap-2 text-sm text-neutral-600 dark:text-neutral-400">
      <span className={hideLabelOnNarrow ? 'sr-only sm:not-sr-only' : undefined}>{label}</span>
      <select value={value} onChange={(e) => onChange(e.target.value as T)} data-testid={testId} className={`${SELECT} ${size === 'md' ? 'py-2' : 'py-1 text-sm'}`}>
        {options.map((o) => (
          <option key={o} value={o}>
            {labels[o]}
          </option>
        ))}
      </select>
    </label>
  );
}
