// clip-retrieval's request and answer shapes, as its ClipClient and clip-front send and read them; client-safe.
import { z } from 'zod';
import { DatasetName } from '../datasets/schemas';
import { MAX_IMAGE_BYTES, type Modality } from '../search/schemas';

/** Results one /knn-service call may ask for (clip-front asks 3,000, and 10,000 to download them). */
export const MAX_RESULT_IDS = 10_000;
/** Ids one /metadata call may ask about: answered with one SQL query. */
export const MAX_METADATA_IDS = 10_000;
/** A /knn-service body may carry an image of up to MAX_IMAGE_BYTES as base64 (4 characters per 3 bytes). */
export const MAX_KNN_BODY_BYTES = Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 256 * 1024;

const blankToNull = (v: unknown) => (v === '' || v === null ? null : v);
const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);

/** An integer, or a string of one (clients built from URL parameters send strings). */
const intLike = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: (i) => (i.input === undefined ? 'required' : 'an integer, or a string of one') }).int().min(min).max(max),
  );

/** A boolean, or "true"/"false"; null or absent is false (clip-retrieval's default for every switch). */
const flag = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v === null ? undefined : v), z.boolean().default(false));

/** LAION's aesthetic rating to steer towards: 0–9 as a number or a string of one; "" or null is off. */
const aestheticScore = z.preprocess(
  (v) => {
    const b = blankToNull(trimmed(v));
    return typeof b === 'string' && /^\d+$/.test(b) ? Number(b) : b;
  },
  z.number({ error: 'an integer from 0 to 9, or a string of one ("" for none)' }).int().min(0).max(9).nullable().default(null),
);

/** How strongly to steer: a number or a string of one; "" or null is off. */
const aestheticWeight = z.preprocess(
  (v) => {
    const b = blankToNull(trimmed(v));
    return typeof b === 'string' && b !== '' && Number.isFinite(Number(b)) ? Number(b) : b;
  },
  z.number({ error: 'a number, or a string of one ("" for none)' }).finite().min(-100).max(100).nullable().default(null),
);

const optionalText = (max: number) => z.string().max(max).nullish();

/** The body of POST /knn-service, every field as clip-retrieval reads it; unknown fields (e.g. `verbose`) are ignored. */
export const KnnRequest = z
  .object({
    text: optionalText(2000),
    /** Base64 of the image file (a data: URL prefix is tolerated). */
    image: optionalText(Math.ceil(MAX_IMAGE_BYTES / 3) * 4 + 100),
    image_url: optionalText(2048),
    embedding_input: z.array(z.number().finite()).max(4096).nullish(),
    /** "image" ranks image embeddings; any other value ranks caption embeddings; absent means "image". */
    modality: z.unknown().optional(),
    num_images: intLike(0, MAX_RESULT_IDS),
    num_result_ids: z.preprocess((v) => (v === null ? undefined : v), intLike(1, MAX_RESULT_IDS).optional()),
    /** A dataset name; null or absent means the first dataset. */
    indice_name: z.preprocess(blankToNull, DatasetName.nullish()),
    use_mclip: flag,
    deduplicate: flag,
    use_safety_model: flag,
    use_violence_detector: flag,
    aesthetic_score: aestheticScore,
    aesthetic_weight: aestheticWeight,
  })
  .transform((b, ctx) => {
    const numResultIds = b.num_result_ids ?? b.num_images;
    if (numResultIds < 1) ctx.addIssue({ code: 'custom', path: ['num_result_ids'], message: 'ask for at least one result (num_result_ids, or num_images when it is left out)' });
    const modality: Modality = b.modality === undefined || b.modality === 'image' ? 'image' : 'text';
    return {
      query: pickQuery(b),
      modality,
      numImages: b.num_images,
      numResultIds,
      indiceName: b.indice_name ?? undefined,
      useMclip: b.use_mclip,
      deduplicate: b.deduplicate,
      useSafetyModel: b.use_safety_model,
      useViolenceDetector: b.use_violence_detector,
      aestheticScore: b.aesthetic_score,
      aestheticWeight: b.aesthetic_weight,
    };
  });
export type KnnRequest = z.output<typeof KnnRequest>;
export type KnnRequestInput = z.input<typeof KnnRequest>;

/** The query clip-retrieval would use: the first of non-empty text, image, image_url, embedding_input. */
export type KnnQuery = { text: string } | { imageBase64: string } | { imageUrl: string } | { embedding: number[] } | null;

function pickQuery(b: { text?: string | null; image?: string | null; image_url?: string | null; embedding_input?: number[] | null }): KnnQuery {
  if (b.text?.trim()) return { text: b.text.trim() };
  if (b.image?.trim()) return { imageBase64: b.image.trim() };
  if (b.image_url?.trim()) return { imageUrl: b.image_url.trim() };
  if (b.embedding_input?.length) return { embedding: b.embedding_input };
  return null;
}

/** The body of POST /metadata: pair ids (numbers, or strings of digits, as json-bigint may send them). */
export const MetadataRequest = z
  .object({
    ids: z.array(z.union([z.number().int().min(0).max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,15}$/, 'a pair id')])).max(MAX_METADATA_IDS),
    /** Only pairs of this dataset; null or absent: any dataset (Sieve's pair ids are unique across datasets). */
    indice_name: z.preprocess(blankToNull, DatasetName.nullish()),
  })
  .transform((b) => ({ ids: b.ids, indiceName: b.indice_name ?? undefined }));
export type MetadataRequest = z.output<typeof MetadataRequest>;

/** A pair's columns as clip-retrieval clients read them (LAION's names); columns the pair lacks are left out. */
export interface ClipMetadata {
  url?: string;
  caption?: string;
  NSFW?: string;
  width?: number;
  height?: number;
  punsafe?: number;
  pwatermark?: number;
  aesthetic?: number;
  language?: string;
  license?: string;
  hash?: string;
  sample_id?: string;
  /** Base64 of a 256-px WebP thumbnail, for a pair Sieve holds only as a local file (no `url`), as clip_back sends. */
  image?: string;
}

/** One /knn-service result: Sieve's pair id and the query's cosine similarity; the first num_images carry metadata. */
export type KnnResult = ClipMetadata & { id: number; similarity: number };

/** One /metadata entry; `metadata` is {} for an id that does not exist or is not shown. */
export interface MetadataEntry {
  id: number | string;
  metadata: ClipMetadata;
}

/** GET /config.json, which clip-front reads beside its page. */
export interface ClipFrontConfig {
  defaultBackend: string;
  defaultIndex: string;
  urlColumn: string;
}
