import type { DatasetSummary } from '@/lib/datasets/schemas';

interface DatasetPickerProps {
  datasets: DatasetSummary[];
  value: string | undefined;
  onChange: (name: string) => void;
}

export function DatasetPicker({ datasets, value, onChange }: DatasetPickerProps) {
  // An unknown name (a stale link) must not show as if the first dataset were chosen.
  const known = datasets.some((d) => d.name === value);
  return (
    <label className="flex items-center gap-2 text-sm text-neutral-600 dark:text-neutral-400">
      Dataset
      <select
        value={known ? value : ''}
        onChange={(e) => onChange(e.target.value)}
        data-testid="dataset-picker"
        className="max-w-[16rem] rounded-md border border-neutral-300 bg-white px-2 py-1 text-neutral-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-neutral-700 dark:bg-neutral-900 dark:text-neutral-100"
      >
        {!known && (
          <option value="" disabled>
            choose…
          </option>
        )}
        {datasets.map((d) => (
          <option key={d.id} value={d.name}>
            {d.name} ({d.pairs.toLocaleString('en')})
          </option>
        ))}
      </select>
    </label>
  );
}
