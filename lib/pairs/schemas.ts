// Input and output shapes for reading pairs; client-safe (no database import).
import { z } from 'zod';
import { PathId } from '../errors/path-id';

/** Cosine similarity at or above which two images count as the same (near-duplicates, look-alikes of hidden pairs). */
export const DUPLICATE_COSINE = 0.94;

export const PAGE_SIZES = [24, 48, 96, 192] as const;

export const FindPairsQuery = z.object({
  dataset: z.string().min(1).max(200).optional(),
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(48),
});
export type FindPairsQuery = z.infer<typeof FindPairsQuery>;

export const PairIdParams = z.object({ id: PathId });

export const ThumbnailQuery = z.object({
  size: z.coerce.number().pipe(z.union([z.literal(256), z.literal(512)])).default(256),
  /** Version of the image the URL points at; only there to make the URL change with the image. */
  v: z.string().max(64).optional(),
});

export interface PairSummary {
  id: number;
  datasetId: number;
  url: string | null;
  caption: string | null;
  domain: string | null;
  width: number | null;
  height: number | null;
  similarity: number | null;
  punsafe: number | null;
  pwatermark: number | null;
  aesthetic: number | null;
  license: string | null;
  language: string | null;
  nsfw: string | null;
  hash: string | null;
  sampleId: string | null;
  /** Where the browser loads the image: our image route for local files, else the remote URL. */
  imageSrc: string | null;
  /** A small version for grids: our thumbnail route (append `&size=512` for 2× screens) or the remote URL. */
  thumbSrc: string | null;
  /** True only in a review item of a pair the hiding rule hides: it then carries no URL, domain, image, hash or key. */
  hidden: boolean;
  /** True while the pair has an open or confirmed flag (of any reason): blurred like an unsafe image. */
  flagged: boolean;
}

export interface PairDetail extends PairSummary {
  sourceFile: string;
  sourceRow: number;
  extra: Record<string, unknown> | null;
  hasImageEmbedding: boolean;
  hasTextEmbedding: boolean;
}

export interface PairPage {
  dataset: { id: number; name: string } | null;
  page: number;
  pageSize: number;
  total: number;
  pages: number;
  items: PairSummary[];
}
