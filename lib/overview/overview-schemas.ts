// Shapes of a dataset's overview (counts, histograms, top values, flags, duplicates) for the route and the page; client-safe.
import { z } from 'zod';
import type { FlagReason } from '../flags/reasons';
import { DatasetName } from '../datasets/schemas';
import { LAION_FIELD, type LaionFieldKey } from '../pairs/laion-fields';

export const DatasetNameParams = z.object({ name: DatasetName });

/**
 * The LAION columns drawn as histograms, each one of the search page's range filters (`<column>Min`, `<column>Max`).
 * Each is a field of lib/pairs/laion-fields whose key is also its column.
 */
export const HISTOGRAM_COLUMNS = ['punsafe', 'pwatermark', 'aesthetic', 'similarity', 'width', 'height'] as const satisfies readonly LaionFieldKey[];
export type HistogramColumn = (typeof HISTOGRAM_COLUMNS)[number];

/** Whole pixels (the registry's integer fields): a bar's upper end is the last integer below the next bar. */
export const INTEGER_COLUMNS: ReadonlySet<HistogramColumn> = new Set(HISTOGRAM_COLUMNS.filter((c) => LAION_FIELD[c].kind === 'integer'));

export interface HistogramBin {
  /** Lower end, included. */
  lo: number;
  /** Upper end: excluded, except in the last bar, which ends at the largest value and includes it. */
  hi: number;
  count: number;
}

export interface Histogram {
  column: HistogramColumn;
  /** Every bar from the smallest value to the largest, empty ones too; none when no pair has the value. */
  bins: HistogramBin[];
  /** Pairs without this value (a source without the column). */
  missing: number;
}

export const CATEGORY_KINDS = ['domain', 'language', 'license'] as const;
export type CategoryKind = (typeof CATEGORY_KINDS)[number];

export interface CategoryCount {
  /** The value as the search filter takes it (languages and licences lowercased: the filter ignores case); null: none given. */
  value: string | null;
  count: number;
}

export interface TopValues {
  kind: CategoryKind;
  /** The most frequent values, most pairs first; hidden pairs left out (the hiding rule: a domain is part of a URL). */
  items: CategoryCount[];
  /** How many distinct values there are in all (the items are the first few). */
  distinct: number;
}

export interface IngestedShard {
  sourceFile: string;
  rows: number;
  completedAt: string;
}

export interface FlagCount {
  reason: FlagReason;
  state: 'open' | 'confirmed' | 'rejected';
  count: number;
}

export interface ExactDuplicateStats {
  /** Values (URLs or LAION hashes) that more than one pair of the dataset shares. */
  groups: number;
  /** Pairs that share their value with another pair. */
  pairs: number;
  /** The biggest groups: a pair of each (its page shows the whole group) and the group's size. */
  largest: { pairId: number; size: number }[];
}

/** GET /api/datasets/:name/overview */
export interface DatasetOverview {
  dataset: { id: number; name: string; model: string; dim: number | null; source: string | null; createdAt: string };
  counts: {
    pairs: number;
    withImageEmbedding: number;
    withTextEmbedding: number;
    /** Pairs with at least one open or confirmed flag (what search leaves out by default). */
    flagged: number;
    /** Pairs the hiding rule hides: in none of the other figures. */
    hidden: number;
  };
  ingest: { shards: number; rows: number; recent: IngestedShard[] };
  histograms: Histogram[];
  top: TopValues[];
  flags: FlagCount[];
  /** Server time for all of it. */
  tookMs: number;
}

/** GET /api/datasets/:name/duplicates: pairs of the dataset that share a URL, or a LAION hash. */
export interface ExactDuplicates {
  url: ExactDuplicateStats;
  hash: ExactDuplicateStats;
  tookMs: number;
}

/** GET /api/datasets/:name/near-duplicates: groups of look-alike images (image-embedding cosine ≥ `cosine`). */
export interface NearDuplicateStats {
  cosine: number;
  /** Every pair with an image embedding was compared (a small dataset); otherwise a sample was. */
  exhaustive: boolean;
  /** Pairs compared with their nearest neighbours. */
  sampled: number;
  /** Pairs with an image embedding: counted when exhaustive, else estimated from the sample. */
  population: number;
  /** Of the sampled pairs, those with at least one near-duplicate. */
  sampledWithDuplicates: number;
  /** Pairs that have a near-duplicate, and groups of them, in the whole dataset (exact when exhaustive). */
  estimatedPairs: number;
  estimatedGroups: number;
  /** Groups found among the sampled pairs' neighbours, biggest first: a pair of each and the size seen. */
  groups: { pairId: number; size: number }[];
  /** Why nothing was compared (no image embeddings), else null. */
  reason: string | null;
  tookMs: number;
}
