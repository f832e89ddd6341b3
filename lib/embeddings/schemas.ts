// Client-safe shapes of the embeddings concept: encoder status and encode inputs.
import { z } from 'zod';

/** CLIP's text context: longer captions are cut to this many tokens, start and end tokens included. */
export const CLIP_MAX_TOKENS = 77;

/** The Hugging Face model used when nothing else is configured (512-d, the LAION-400M/5B B/32 index). */
export const DEFAULT_CLIP_MODEL = 'Xenova/clip-vit-base-patch32';

/** Caps one call so a single request cannot queue unbounded encoder work. */
export const MAX_TEXTS_PER_CALL = 4096;
export const MAX_IMAGES_PER_CALL = 1024;

export const ClipSourceSchema = z.enum(['local', 'hub', 'cache']);
export type ClipSource = z.infer<typeof ClipSourceSchema>;

export const ClipTowerSchema = z.enum(['text', 'vision']);
export type ClipTower = z.infer<typeof ClipTowerSchema>;

/** Weight files Xenova's CLIP exports ship; fp32 reproduces the reference embeddings, q8 is ~4x smaller. */
export const ClipDtypeSchema = z.enum(['fp32', 'fp16', 'q8']);
export type ClipDtype = z.infer<typeof ClipDtypeSchema>;

export const ClipStatusSchema = z.object({
  /** Whether encoding is expected to work now: weights loaded, or present on disk, or fetchable from the hub. */
  available: z.boolean(),
  /** Hub model id, or the local folder's path. */
  model: z.string(),
  source: ClipSourceSchema,
  /** Output dimension, once known from the model's config. */
  dim: z.number().int().positive().optional(),
  /** Why encoding is off (the last load failure, or missing weights). */
  reason: z.string().optional(),
  howToEnable: z.string().optional(),
});
export type ClipStatus = z.infer<typeof ClipStatusSchema>;

export const EmbedTextsInputSchema = z.object({
  texts: z.array(z.string()).max(MAX_TEXTS_PER_CALL),
  batchSize: z.number().int().min(1).max(1024).optional(),
});
export type EmbedTextsInput = z.infer<typeof EmbedTextsInputSchema>;

/** `sieve embed`: compute the embeddings a dataset lacks (captions → txt_emb, local images → img_emb). */
export const EmbedDatasetInput = z.object({
  dataset: z.string().min(1, 'give the dataset with --dataset <name>'),
  modality: z.enum(['text', 'image', 'both']).default('both'),
  /** Rows encoded and written per transaction: a killed run loses at most one batch. */
  batchSize: z.coerce.number().int().min(1).max(1024).default(64),
  /** Past the embedded database's size limit (lib/db/check-embedded-size.ts), embed into it anyway. */
  force: z.boolean().default(false),
});
export type EmbedDatasetInput = z.input<typeof EmbedDatasetInput>;

export interface EmbedProgress {
  modality: 'text' | 'image';
  done: number;
  total: number;
}

export interface EmbedSummary {
  dataset: string;
  model: string;
  dim: number;
  text: number;
  image: number;
  /** Pairs whose image could not be read or decoded: left without an embedding, reported. */
  failed: { pairId: number; message: string }[];
  indexes: string[];
}
