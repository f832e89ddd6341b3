'use client';
import Link from 'next/link';
import type { DatasetSummary } from '@/lib/datasets/schemas';
import { FLAG_STATES, MODALITIES, SearchFilters, type FlagState, type Modality } from '@/lib/search/schemas';
import { DatasetPicker } from '../browse/dataset-picker';
import { datasetHref } from '../datasets/overview-links';
import { ChoiceSelect } from '../choice-select';
import { FilterField } from './filter-field';
import { NUMBER_FILTERS, TEXT_FILTERS, type NumberFilter, type SearchState, type TextFilter } from './search-params';

interface FiltersPanelProps {
  state: SearchState;
  update: (patch: Partial<SearchState>) => void;
  datasets: DatasetSummary[] | undefined;
  /** The dataset searched (the first one when the URL names none). */
  dataset: string | undefined;
}

const NUMBERS: Record<NumberFilter, { label: string; min: number; max: number; step: number }> = {
  punsafeMin: { label: 'Unsafe probability (punsafe) at least', min: 0, max: 1, step: 0.01 },
  punsafeMax: { label: 'Unsafe probability (punsafe) at most', min: 0, max: 1, step: 0.01 },
  pwatermarkMin: { label: 'Watermark probability at least', min: 0, max: 1, step: 0.01 },
  pwatermarkMax: { label: 'Watermark probability at most', min: 0, max: 1, step: 0.01 },
  aestheticMin: { label: 'Aesthetic score at least', min: 0, max: 10, step: 0.1 },
  aestheticMax: { label: 'Aesthetic score at most', min: 0, max: 10, step: 0.1 },
  similarityMin: { label: 'CLIP similarity at least', min: -1, max: 1, step: 0.01 },
  similarityMax: { label: 'CLIP similarity at most', min: -1, max: 1, step: 0.01 },
  widthMin: { label: 'Width at least (px)', min: 0, max: 1_000_000, step: 1 },
  widthMax: { label: 'Width at most (px)', min: 0, max: 1_000_000, step: 1 },
  heightMin: { label: 'Height at least (px)', min: 0, max: 1_000_000, step: 1 },
  heightMax: { label: 'Height at most (px)', min: 0, max: 1_000_000, step: 1 },
  violenceMax: { label: "Violence probability at most (LAION's detector; unscored pairs kept)", min: 0, max: 1, step: 0.01 },
};
const TEXTS: Record<TextFilter, { label: string; placeholder: string }> = {
  language: { label: 'Language', placeholder: 'en' },
  license: { label: 'Licence', placeholder: 'cc-by' },
  domain: { label: 'Domain', placeholder: 'flickr.com' },
};
const FLAG_LABELS: Record<FlagState, string> = { unflagged: 'Unflagged only', flagged: 'Flagged only', any: 'Any' };
const MODALITY_LABELS: Record<Modality, string> = { image: 'Image embeddings', text: 'Caption embeddings' };

export const DEFAULT_FILTERS: Partial<SearchState> = {
  ...Object.fromEntries([...NUMBER_FILTERS, ...TEXT_FILTERS].map((k) => [k, undefined])),
  flagState: 'unflagged',
  modality: 'image',
  dedupe: false,
};

// Typed values go through the API's schema: a value it would refuse is shown as a problem, not sent.
function commitWith(key: NumberFilter | TextFilter, update: FiltersPanelProps['update']) {
  return (raw: string): string | null => {
    if (!raw.trim()) {
      update({ [key]: undefined });
      return null;
    }
    const numeric = key in NUMBERS;
    const parsed = SearchFilters.shape[key].safeParse(numeric ? Number(raw) : raw);
    if (!parsed.success) return numeric ? `Between ${NUMBERS[key as NumberFilter].min} and ${NUMBERS[key as NumberFilter].max}` : 'Not a valid value';
    update({ [key]: parsed.data });
    return null;
  };
}

export function FiltersPanel({ state, update, datasets, dataset }: FiltersPanelProps) {
  return (
    <section
      id="search-filters"
      data-testid="filters-panel"
      aria-label="Filters"
      className="space-y-4 rounded-lg border border-neutral-200 bg-white p-4 dark:border-neutral-800 dark:bg-neutral-900"
    >
      <div className="flex flex-wrap items-center gap-4 text-sm">
        {datasets && datasets.length > 0 && (
          <DatasetPicker datasets={datasets} value={dataset} onChange={(name) => update({ dataset: name, pairId: undefined })} />
        )}
        {dataset && (
          <Link href={datasetHref(dataset)} data-testid="dataset-overview-link" className="text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-400">
            Overview
          </Link>
        )}
        <ChoiceSelect label="Rank by" value={state.modality} options={MODALITIES} labels={MODALITY_LABELS} onChange={(modality) => update({ modality })} testId="filter-modality" />
        <ChoiceSelect label="Flags" value={state.flagState} options={FLAG_STATES} labels={FLAG_LABELS} onChange={(flagState) => update({ flagState })} testId="filter-flagState" />
        <label className="flex items-center gap-2 text-neutral-600 dark:text-neutral-400">
          <input
            type="checkbox"
            checked={state.dedupe}
            onChange={(e) => update({ dedupe: e.target.checked })}
            data-testid="filter-dedupe"
            className="size-4 accent-sky-700"
          />
          Fold near-duplicates
        </label>
      </div>
      <div className="grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-3">
        {NUMBER_FILTERS.map((key) => (
          <FilterField
            key={key}
            testId={`filter-${key}`}
            type="number"
            inputMode="decimal"
            {...NUMBERS[key]}
            value={state[key] === undefined ? '' : String(state[key])}
            onCommit={commitWith(key, update)}
          />
        ))}
        {TEXT_FILTERS.map((key) => (
          <FilterField key={key} testId={`filter-${key}`} type="text" {...TEXTS[key]} value={state[key] ?? ''} onCommit={commitWith(key, update)} />
        ))}
      </div>
      <button type="button" onClick={() => update(DEFAULT_FILTERS)} className="text-sm text-sky-700 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-400">
        Reset filters
      </button>
    </section>
  );
}
