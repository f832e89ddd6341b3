// The search page's state ⇄ its URL ⇄ the API's SearchQueryInput, in one place: field names are the schema's own.
import { DatasetName } from '@/lib/datasets/schemas';
import { SearchFilters, SearchQuery, type SearchQueryInput } from '@/lib/search/schemas';

/** How the words in the search box are searched: by meaning, by full text, or both fused. */
export const TEXT_MODES = ['semantic', 'keyword', 'hybrid'] as const;
export type TextMode = (typeof TEXT_MODES)[number];

// Each score's two ends side by side: the dataset overview's histogram bars link here with both.
export const NUMBER_FILTERS = [
  'punsafeMin', 'punsafeMax', 'pwatermarkMin', 'pwatermarkMax', 'aestheticMin', 'aestheticMax',
  'similarityMin', 'similarityMax', 'widthMin', 'widthMax', 'heightMin', 'heightMax', 'violenceMax',
] as const;
export const TEXT_FILTERS = ['language', 'license', 'domain'] as const;
export type NumberFilter = (typeof NUMBER_FILTERS)[number];
export type TextFilter = (typeof TEXT_FILTERS)[number];

/** URL value marking that the in-memory upload is the query (the file itself cannot live in a link). */
const UPLOAD = 'upload';
const KEYWORD_MAX = SearchQuery.shape.keyword.unwrap().maxLength ?? 500;
export const TEXT_MAX = SearchQuery.shape.text.unwrap().maxLength ?? 2000;

export type SearchState = Partial<Pick<SearchFilters, NumberFilter | TextFilter>> &
  Pick<SearchQuery, 'flagState' | 'modality' | 'dedupe'> & {
    /** The search box's words; sent as `text`, `keyword` or both according to `mode`. */
    q: string;
    mode: TextMode;
    /** The uploaded image (held in memory by the page) is the query. */
    image: boolean;
    imageUrl?: string;
    pairId?: number;
    dataset?: string;
  };

// Each URL value goes through the API's own schema, so a hand-edited link drops what the API would refuse.
function valid<T>(schema: { safeParse: (v: unknown) => { success: true; data: T } | { success: false } }, raw: unknown): T | undefined {
  const r = schema.safeParse(raw);
  return r.success ? r.data : undefined;
}

function num(raw: string | null): number | undefined {
  return raw === null || raw.trim() === '' ? undefined : Number(raw);
}

export function readSearchState(params: URLSearchParams): SearchState {
  const state: SearchState = {
    q: params.get('q') ?? '',
    mode: (TEXT_MODES as readonly string[]).includes(params.get('mode') ?? '') ? (params.get('mode') as TextMode) : 'semantic',
    image: params.get('image') === UPLOAD,
    imageUrl: valid(SearchQuery.shape.imageUrl, params.get('imageUrl') ?? undefined),
    pairId: valid(SearchQuery.shape.pairId, num(params.get('pairId'))),
    dataset: valid(DatasetName, params.get('dataset') ?? undefined),
    modality: valid(SearchQuery.shape.modality, params.get('modality') ?? undefined) ?? 'image',
    dedupe: params.get('dedupe') === '1',
    flagState: valid(SearchFilters.shape.flagState, params.get('flagState') ?? undefined) ?? 'unflagged',
  };
  for (const key of NUMBER_FILTERS) state[key] = valid(SearchFilters.shape[key], num(params.get(key)));
  for (const key of TEXT_FILTERS) state[key] = valid(SearchFilters.shape[key], params.get(key) ?? undefined);
  return state;
}

/** The URL query for a state, leaving out every value the page would assume anyway. */
export function writeSearchState(state: SearchState): URLSearchParams {
  const out = new URLSearchParams();
  if (state.dataset) out.set('dataset', state.dataset);
  if (state.q.trim()) out.set('q', state.q.trim());
  if (state.mode !== 'semantic') out.set('mode', state.mode);
  if (state.image) out.set('image', UPLOAD);
  if (state.imageUrl) out.set('imageUrl', state.imageUrl);
  if (state.pairId !== undefined) out.set('pairId', String(state.pairId));
  if (state.modality !== 'image') out.set('modality', state.modality);
  for (const key of NUMBER_FILTERS) if (state[key] !== undefined) out.set(key, String(state[key]));
  for (const key of TEXT_FILTERS) if (state[key]) out.set(key, state[key]);
  if (state.flagState !== 'unflagged') out.set('flagState', state.flagState);
  if (state.dedupe) out.set('dedupe', '1');
  return out;
}

export function searchHref(state: SearchState, pathname = '/'): string {
  const query = writeSearchState(state).toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** Clears what is asked (the API takes one vector query): spread it before the one new query. */
export const NO_QUERY = { q: '', image: false, imageUrl: undefined, pairId: undefined } satisfies Partial<SearchState>;

/** A fresh state: nothing asked, default filters. */
export function emptySearchState(dataset?: string): SearchState {
  return { ...readSearchState(new URLSearchParams()), dataset };
}

/** The vector query the state asks for, if any; the API takes at most one. */
export function vectorQueryOf(state: SearchState): 'pair' | 'imageUrl' | 'image' | 'text' | null {
  if (state.pairId !== undefined) return 'pair';
  if (state.imageUrl) return 'imageUrl';
  if (state.image) return 'image';
  if (state.q.trim() && state.mode !== 'keyword') return 'text';
  return null;
}

/** The API request for a state (without the upload's bytes and the cursor, which the caller adds). */
export function toSearchInput(state: SearchState): SearchQueryInput {
  const input: SearchQueryInput = { modality: state.modality, dedupe: state.dedupe, flagState: state.flagState };
  if (state.dataset) input.dataset = state.dataset;
  for (const key of NUMBER_FILTERS) if (state[key] !== undefined) input[key] = state[key];
  for (const key of TEXT_FILTERS) if (state[key]) input[key] = state[key];
  const vector = vectorQueryOf(state);
  if (vector === 'pair') input.pairId = state.pairId;
  if (vector === 'imageUrl') input.imageUrl = state.imageUrl;
  const words = state.q.trim();
  // Over-long words (a scraped caption) are cut to what the API takes rather than refused.
  if (vector === 'text') input.text = words.slice(0, TEXT_MAX);
  if (words && state.mode !== 'semantic') input.keyword = words.slice(0, KEYWORD_MAX);
  return input;
}

/** How many filters differ from their defaults (shown on the filters toggle). */
export function countFilters(state: SearchState): number {
  let n = 0;
  for (const key of [...NUMBER_FILTERS, ...TEXT_FILTERS]) if (state[key] !== undefined) n++;
  if (state.flagState !== 'unflagged') n++;
  if (state.modality !== 'image') n++;
  if (state.dedupe) n++;
  return n;
}
