// The search concept's shapes: the request (query + filters), hits and the response; client-safe.
import { z } from 'zod';
import { DatasetName } from '../datasets/schemas';
import type { PairSummary } from '../pairs/schemas';

/**
 * Hits in one page; deeper results come page by page with nextCursor. One answer of 10,000 hits (4.8 MB of JSON)
 * held the thread that answers every request for 150–230 ms; with dedupe it read 40,000 candidates' vectors.
 * clip-retrieval's routes page nothing and keep their own bound (lib/clip-retrieval/schemas.ts).
 */
export const MAX_LIMIT = 1_000;
export const DEFAULT_LIMIT = 48;
/**
 * With dedupe, hits in one page: each reads four candidates, so 1,000 read 4,000 full rows and held the request thread
 * for up to 230 ms (/api/health's p99 under five in a row, docs/performance.md).
 */
export const MAX_DEDUPE_LIMIT = 250;
/** The most pairs a ranked search covers when worked on at once (bulk flags, exports): an exact top k. */
export const MAX_TOP_K = 100_000;
export const DEFAULT_TOP_K = 1_000;
/** Uploaded and fetched images are refused above this size. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Cosine similarity at or above which two results count as near-duplicates (dedupe): the pairs concept's. */
export { DUPLICATE_COSINE } from '../pairs/schemas';

export const FLAG_STATES = ['unflagged', 'flagged', 'any'] as const;
export type FlagState = (typeof FLAG_STATES)[number];
export const MODALITIES = ['image', 'text'] as const;
export type Modality = (typeof MODALITIES)[number];
/** What a search leaves out and ranks when it does not say. */
export const DEFAULT_FLAG_STATE: FlagState = 'unflagged';
export const DEFAULT_MODALITY: Modality = 'image';

const unit = z.number().min(0).max(1);
const pixels = z.number().int().min(0).max(1_000_000);
const aesthetic = z.number().min(0).max(10);
const cosine = z.number().min(-1).max(1);
const label = z.string().trim().min(1).max(253);

/** Filters every search mode (and a filter-only listing) accepts; all optional and combinable. */
export const SearchFilters = z.object({
  /** Keep pairs whose punsafe is at most this (pairs with no punsafe are kept). */
  punsafeMax: unit.optional(),
  /** Keep pairs whose punsafe is at least this (pairs with no punsafe are not). */
  punsafeMin: unit.optional(),
  /** Keep pairs whose pwatermark is at most this (pairs with no pwatermark are kept). */
  pwatermarkMax: unit.optional(),
  pwatermarkMin: unit.optional(),
  /** Keep pairs whose violence (LAION's detector: probability of its violent prompt) is at most this (unscored kept). */
  violenceMax: unit.optional(),
  /** Keep pairs with an aesthetic score of at least this. */
  aestheticMin: aesthetic.optional(),
  aestheticMax: aesthetic.optional(),
  /** Keep pairs whose CLIP image–caption similarity is at least this. */
  similarityMin: cosine.optional(),
  similarityMax: cosine.optional(),
  widthMin: pixels.optional(),
  widthMax: pixels.optional(),
  heightMin: pixels.optional(),
  heightMax: pixels.optional(),
  /** LAION language code, compared case-insensitively (e.g. "en"). */
  language: label.optional(),
  /** Licence, compared case-insensitively (e.g. "cc-by"). */
  license: label.optional(),
  /** URL host: the domain itself and its subdomains (e.g. "flickr.com"). */
  domain: label.optional(),
  /** unflagged: no open or confirmed flag (the default, so flagged pairs stay out of sight); flagged; any. */
  flagState: z.enum(FLAG_STATES).default(DEFAULT_FLAG_STATE),
});
export type SearchFilters = z.infer<typeof SearchFilters>;

/**
 * POST /api/search as JSON (or the `query` field of a multipart body whose `image` field is the upload).
 * At most one vector query: text, image (upload), imageUrl, pairId or embedding. `keyword` alone is a
 * full-text search; beside a vector query it makes a hybrid ranking (reciprocal rank fusion).
 * No query at all lists the dataset's pairs that pass the filters, in ingest order.
 */
export const SearchQuery = SearchFilters.extend({
  /** Dataset to search; the first one when left out. */
  dataset: DatasetName.optional(),
  text: z.string().trim().min(1).max(2000).optional(),
  imageUrl: z.string().trim().url().max(2048).optional(),
  /** "More like this": the pair's own stored vector of the searched modality. */
  pairId: z.number().int().positive().optional(),
  /** A raw query vector of the dataset's dimension; normalised before use. */
  embedding: z.array(z.number().finite()).min(1).max(4096).optional(),
  keyword: z.string().trim().min(1).max(500).optional(),
  /** Which stored vectors to rank: image embeddings (default) or caption embeddings. */
  modality: z.enum(MODALITIES).default(DEFAULT_MODALITY),
  /** Group results whose cosine is ≥ DUPLICATE_COSINE; one representative with a duplicate count. */
  dedupe: z.boolean().default(false),
  limit: z
    .number()
    .int()
    .min(1)
    .max(MAX_LIMIT, `a page holds at most ${MAX_LIMIT.toLocaleString('en-US')} hits; nextCursor gets the next page`)
    .default(DEFAULT_LIMIT),
  /** nextCursor of the previous page; only valid with the same query. */
  cursor: z.string().min(1).max(1000).optional(),
});
export type SearchQuery = z.infer<typeof SearchQuery>;
export type SearchQueryInput = z.input<typeof SearchQuery>;

/** The parsed request plus an uploaded image (bytes from the multipart body). */
export type SearchInput = SearchQuery & { image?: Uint8Array };

/**
 * A parsed search whose every match is worked on at once (bulk flags, exports): no page, cursor or dedupe. The
 * targets that carry it may leave the flag state and modality out (DEFAULT_FLAG_STATE, DEFAULT_MODALITY then).
 */
export type MatchQuery = Omit<SearchQuery, 'limit' | 'cursor' | 'dedupe' | 'flagState' | 'modality'> &
  Partial<Pick<SearchQuery, 'flagState' | 'modality'>> & { image?: Uint8Array };

/**
 * A search already planned, as plain JSON: its dataset, mode, query vector (the encoded text, image or pair vector),
 * keyword, the filter values its WHERE clauses compile from, and the top k it covers. A background job carries it,
 * so the job runs the very search its request planned: it never plans the search or encodes the text again.
 */
export const PlannedSearch = z.object({
  datasetId: z.number().int().positive(),
  mode: z.enum(['semantic', 'keyword', 'hybrid', 'filter']),
  modality: z.enum(MODALITIES),
  column: z.enum(['img_emb', 'txt_emb']),
  vector: z.array(z.number().finite()).min(1).max(4096).optional(),
  keyword: z.string().optional(),
  filters: SearchFilters,
  /** A ranked (semantic or hybrid) search's top k; null for a keyword or filter-only one, which covers every match. */
  k: z.number().int().positive().nullable(),
});
export type PlannedSearch = z.infer<typeof PlannedSearch>;

export type SearchMode = 'semantic' | 'keyword' | 'hybrid' | 'filter';

export interface SearchHit extends PairSummary {
  /**
   * semantic: cosine similarity to the query (1 = same direction); keyword: full-text rank;
   * hybrid: reciprocal-rank-fusion score; filter: null.
   */
  score: number | null;
  /** With dedupe: how many near-duplicates of this hit were folded into it. */
  duplicates?: number;
}

export interface SemanticStatus {
  available: boolean;
  /** Why semantic search is off (no CLIP weights, wrong dimension, …). */
  reason?: string;
  /** What to do to turn it on. */
  howToEnable?: string;
  /** A background embedding run of the dataset, while it is queued or running. */
  embedding?: { jobId: number; state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled'; done: number; total: number | null; message: string | null };
}

/** GET /api/search/status: whether the dataset (the first one by default) can be searched by meaning now. */
export interface SearchStatus {
  dataset: { id: number; name: string; model: string; dim: number | null } | null;
  semantic: SemanticStatus;
}

export interface SearchResponse {
  dataset: { id: number; name: string; model: string; dim: number | null };
  mode: SearchMode;
  modality: Modality;
  hits: SearchHit[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Server time for the whole search, query encoding included. */
  tookMs: number;
  /** Present when the request asked for a text query: whether it could be searched by meaning. */
  semantic?: SemanticStatus;
  /** A plain-language note about how the request was answered (e.g. a keyword fallback). */
  notice?: string;
  /**
   * For an uploaded or fetched image: the query vector. Sent back as `embedding` with `nextCursor`, it gets
   * the next pages without uploading, fetching or encoding the image again.
   */
  queryEmbedding?: number[];
}
