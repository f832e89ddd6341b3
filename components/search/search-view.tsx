'use client';
import { useMemo, useState } from 'react';
import type { SearchHit } from '@/lib/search/schemas';
import { FirstRun } from '../first-run';
import { Notice } from '../notice';
import { useDatasets } from '../queries/use-datasets';
import { useSearch, type ImageUpload } from '../queries/use-search';
import { useSearchStatus } from '../queries/use-search-status';
import { FiltersPanel } from './filters-panel';
import { ImageDrop } from './image-drop';
import { imageFileProblem } from './image-file';
import { ImageUrlField } from './image-url-field';
import { QueryChip } from './query-chip';
import { SearchBar } from './search-bar';
import { SearchNotice } from './search-notice';
import { countFilters, NO_QUERY, TEXT_MAX, toSearchInput } from './search-params';
import { SearchResults } from './search-results';
import { SemanticBanner } from './semantic-banner';
import { usePageImageInput } from './use-page-image-input';
import { useSearchState } from './use-search-state';

let uploads = 0;

export function SearchView() {
  const { state, update } = useSearchState();
  // The uploaded image cannot live in the URL: the page holds it, and the URL says whether it is the query.
  const [upload, setUpload] = useState<ImageUpload | null>(null);
  const [uploadProblem, setUploadProblem] = useState<string | null>(null);
  const filters = countFilters(state);
  const [filtersOpen, setFiltersOpen] = useState(filters > 0);
  const datasets = useDatasets();
  const status = useSearchStatus(state.dataset);
  const input = useMemo(() => toSearchInput(state), [state]);
  const lostUpload = state.image && !upload;
  const search = useSearch(input, state.image ? upload : null, !lostUpload);
  const first = search.data?.pages[0];
  const dataset = state.dataset ?? first?.dataset.name ?? status.data?.dataset?.name;
  const semantic = first?.semantic ?? status.data?.semantic;

  const chooseImage = (file: File) => {
    const problem = imageFileProblem(file);
    setUploadProblem(problem);
    if (problem) return;
    setUpload({ id: ++uploads, file });
    update({ ...NO_QUERY, image: true }, { scroll: true });
  };
  const removeUpload = () => {
    setUpload(null);
    update({ image: false });
  };
  const pageDragging = usePageImageInput(chooseImage);
  // An uploaded image can't be re-sent by the server: the vector the first page returned stands in for it.
  const flagQuery = state.image ? (first?.queryEmbedding ? { ...input, embedding: first.queryEmbedding } : undefined) : input;
  const moreLike = (hit: SearchHit) => update({ ...NO_QUERY, pairId: hit.id, dataset }, { scroll: true });
  const byCaption = (hit: SearchHit) => hit.caption && update({ ...NO_QUERY, q: hit.caption.slice(0, TEXT_MAX), dataset }, { scroll: true });

  if (datasets.data?.length === 0) {
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold tracking-tight">Search</h1>
        <FirstRun />
      </div>
    );
  }
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">Search</h1>
      <SearchBar
        q={state.q}
        mode={state.mode}
        onSearch={(q) => update(q.trim() ? { ...NO_QUERY, q } : { q: '' }, { scroll: true })}
        onMode={(mode) => update({ mode })}
      />
      <div className="flex flex-wrap items-center gap-2">
        <ImageDrop onFile={chooseImage} pageDragging={pageDragging} />
        <ImageUrlField value={state.imageUrl} onSubmit={(imageUrl) => update(imageUrl ? { ...NO_QUERY, imageUrl } : { imageUrl })} />
        <button
          type="button"
          data-testid="filters-toggle"
          aria-expanded={filtersOpen}
          aria-controls="search-filters"
          onClick={() => setFiltersOpen(!filtersOpen)}
          className="rounded-md border border-neutral-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-sky-500 aria-expanded:bg-neutral-100 dark:border-neutral-700 dark:bg-neutral-900 dark:hover:bg-neutral-800 dark:aria-expanded:bg-neutral-800"
        >
          Filters{filters > 0 ? ` (${filters})` : ''}
        </button>
      </div>
      {uploadProblem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {uploadProblem}
        </p>
      )}
      <div className="flex flex-wrap gap-2 empty:hidden">
        {state.image && upload && (
          <QueryChip testId="image-chip" label="the image query" file={upload.file} onRemove={removeUpload}>
            {upload.file.name || 'pasted image'}
          </QueryChip>
        )}
        {state.imageUrl && (
          <QueryChip testId="image-url-chip" label="the image URL query" onRemove={() => update({ imageUrl: undefined })}>
            Image at {state.imageUrl}
          </QueryChip>
        )}
        {state.pairId !== undefined && (
          <QueryChip testId="pair-chip" label="the pair query" onRemove={() => update({ pairId: undefined })}>
            More like #{state.pairId}
          </QueryChip>
        )}
      </div>
      {filtersOpen && <FiltersPanel state={state} update={update} datasets={datasets.data} dataset={dataset} />}
      {semantic && !semantic.available && <SemanticBanner status={semantic} />}
      {first?.notice && <SearchNotice>{first.notice}</SearchNotice>}
      {lostUpload ? (
        <Notice title="The image is not part of the link">
          <p>An uploaded image stays in the page that received it. Drop, paste or choose it again to search with it.</p>
        </Notice>
      ) : (
        <SearchResults search={search} flagQuery={flagQuery} onMoreLike={moreLike} onCaption={byCaption} filters={filters} />
      )}
    </div>
  );
}
