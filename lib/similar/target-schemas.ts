// The kinds of "which pairs" that both bulk actions (flags and exports) accept, one schema each; client-safe. Each
// concept's own target union (FlagTarget, ExportSource) is made of these and its own kinds.
import { z } from 'zod';
import { MAX_TOP_K } from '../search/schemas';

/** A pair's whole duplicate group, the pair itself first. */
export const DuplicatesTarget = z.object({ kind: z.literal('duplicates'), pairId: z.number().int().positive() });
export type DuplicatesTarget = z.infer<typeof DuplicatesTarget>;

/**
 * A search re-run by the server (never a list of ids from the browser): a ranked (semantic or hybrid) one covers its
 * top `k`, a keyword or filter-only one every match. `query` is the concept's view of the search request.
 */
export const queryTarget = <Q extends z.ZodType>(query: Q) =>
  z.object({ kind: z.literal('query'), query, k: z.number().int().min(1).max(MAX_TOP_K).optional() });
