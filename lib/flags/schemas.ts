// Client-safe shapes of flags: what to flag (one pair, a selection, a whole search, a duplicate group, a domain),
// decisions, the review queue.
import { z } from 'zod';
import type { HidingLink } from '../pairs/hiding-sql';
import { DatasetName } from '../datasets/schemas';
import type { PairSummary } from '../pairs/schemas';
import { MAX_TOP_K, SearchQuery } from '../search/schemas';
import { DuplicatesTarget, queryTarget } from '../similar/target-schemas';
import { FLAG_REASONS, NOTE_REQUIRED } from './reasons';
import { PathId } from '../errors/path-id';

export { FLAG_REASONS };
export const FlagReason = z.enum(FLAG_REASONS);
export type FlagReason = z.infer<typeof FlagReason>;

/** Flags on more pairs than this are raised by a background job, batch by batch. */
export const SYNC_FLAG_LIMIT = 1_000;
/** The deepest top-k a semantic query may flag. */
export const MAX_FLAG_TOP_K = MAX_TOP_K;

/** The search whose results are flagged, with the flag state it shows. */
const QueryTarget = queryTarget(SearchQuery.omit({ limit: true, cursor: true, dedupe: true }).partial({ flagState: true, modality: true }));

export const FlagTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('pairs'), pairIds: z.array(z.number().int().positive()).min(1).max(SYNC_FLAG_LIMIT) }),
  QueryTarget,
  DuplicatesTarget,
  z.object({ kind: z.literal('domain'), domain: z.string().trim().min(1).max(253), dataset: DatasetName }),
]);
export type FlagTarget = z.infer<typeof FlagTarget>;

export const FlagPairsInput = z
  .object({ target: FlagTarget, reason: FlagReason, note: z.string().trim().max(2000).optional() })
  .refine((v) => !NOTE_REQUIRED.includes(v.reason) || Boolean(v.note), { message: 'a note is required for this reason', path: ['note'] });
export type FlagPairsInput = z.input<typeof FlagPairsInput>;
/** A flag request as its edge (the route) parsed it. */
export type FlagPairsRequest = z.infer<typeof FlagPairsInput>;

export interface FlagPreview {
  /** How many pairs the target covers now. */
  count: number;
  dataset: string | null;
  /** Whether flagging them runs as a background job. */
  background: boolean;
  /** For a search: its mode, and k when it is ranked. */
  mode?: string;
  k?: number | null;
}

export interface FlagResult {
  /** Flags written now (a small target); pairs already flagged for the reason are not counted again. */
  flagged?: number;
  matched?: number;
  /** The background job that flags a large target. */
  job?: { id: number; state: string };
}

export const FlagIdParams = z.object({ id: PathId });

export const DecideInput = z.object({
  decision: z.enum(['confirm', 'reject']),
  note: z.string().trim().max(2000).optional(),
});
export type DecideInput = z.input<typeof DecideInput>;

export interface FlagSummary {
  id: number;
  pairId: number;
  reason: FlagReason;
  note: string | null;
  state: 'open' | 'confirmed' | 'rejected';
  origin: 'human' | 'machine';
  createdBy: string | null;
  createdByEmail: string | null;
  createdAt: string;
  decidedBy: string | null;
  decidedByEmail: string | null;
  decidedAt: string | null;
  jobId: number | null;
}

export const ReviewQuery = z.object({
  reason: FlagReason.optional(),
  dataset: DatasetName.optional(),
  origin: z.enum(['human', 'machine']).optional(),
  /** Only flags older than this many hours (the oldest wait longest). */
  olderThanHours: z.coerce.number().min(0).max(24 * 3650).optional(),
  /** The last flag id of the previous page (the queue is oldest first). */
  after: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ReviewQuery = z.infer<typeof ReviewQuery>;

export interface ReviewItem {
  flag: FlagSummary;
  pair: PairSummary & { caption: string | null; datasetName: string };
  /** Every flag the pair has, this one included. */
  flags: FlagSummary[];
  /**
   * The hiding rule around the pair, by pair id only: the URL twins and look-alikes it hides as a source (`hides`),
   * and the source pairs it copies (`copies`), so a reviewer deciding a source knows what the decision reaches.
   */
  hiding: { hides: HidingLink[]; copies: HidingLink[] };
}

export interface ReviewPage {
  items: ReviewItem[];
  next: number | null;
  /** Open flags per reason under the same filters. */
  counts: Partial<Record<FlagReason, number>>;
  /** Open flags the asking reviewer raised and may not decide (four eyes). */
  ownWaiting: number;
}
