// Shapes of a pair's relations (nearest neighbours, duplicate group) for routes and the pair page; client-safe.
import type { Modality } from '../search/schemas';
import type { PairSummary } from '../pairs/schemas';

/** Neighbours shown per modality on the pair page: one compact row of cards. */
export const NEIGHBOUR_LIMIT = 12;
/** At most this many duplicates (the pair itself not counted): enough to flag a group, bounded for a page and a transaction. */
export const DUPLICATE_GROUP_CAP = 1000;

export const DUPLICATE_KINDS = ['url', 'hash', 'image'] as const;
export type DuplicateKind = (typeof DUPLICATE_KINDS)[number];

/** `cosine`, not `similarity`: PairSummary.similarity is LAION's image–caption score. */
export interface Neighbour extends PairSummary {
  /** Cosine similarity of the two pairs' embeddings of this modality (1 = same direction). */
  cosine: number;
}

export interface NeighbourList {
  modality: Modality;
  /** Nearest first; empty when `reason` says why there is nothing to compare. */
  items: Neighbour[];
  reason: string | null;
}

/** GET /api/pairs/:id/neighbours */
export interface PairNeighbours {
  pairId: number;
  image: NeighbourList;
  text: NeighbourList;
}

export interface DuplicateMember extends PairSummary {
  /** What this pair shares with the inspected one; at least one kind. */
  matchedBy: DuplicateKind[];
  /** Image-embedding cosine when `image` matched, else null. */
  cosine: number | null;
}

/** GET /api/pairs/:id/duplicates: the pair's duplicate group within its dataset, the pair itself left out. */
export interface DuplicateGroup {
  pairId: number;
  datasetId: number;
  /** URL or hash matches first, then look-alike images; each part most similar image first, then by id. */
  members: DuplicateMember[];
  /** Members matched by each kind (a member matched by two kinds counts in both). */
  counts: Record<DuplicateKind, number>;
  /** The group reached DUPLICATE_GROUP_CAP: more duplicates may exist. */
  truncated: boolean;
  /** Why image duplicates could not be looked for (no image embedding, no index), else null. */
  imageReason: string | null;
}
