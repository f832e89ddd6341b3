// Client-safe shapes of the signals concept: the `sieve signals` input, its progress and summary, one pair's scores.
import { z } from 'zod';

/** `sieve signals`: compute LAION's aesthetic, NSFW and violence scores for a dataset's pairs that lack them. */
export const SignalsDatasetInput = z.object({
  dataset: z.string().min(1, 'give the dataset with --dataset <name>'),
  /**
   * Pairs read, scored and written per statement (one transaction): a killed run loses at most one batch. 1,000
   * 512-d vectors are about 5 MB of text to parse, the same order as ingest's batches (bench/ingest.bench.ts).
   */
  batchSize: z.coerce.number().int().min(1).max(50_000).default(1000),
});
export type SignalsDatasetInput = z.input<typeof SignalsDatasetInput>;

/** LAION's scores for one pair; null where LAION has no model for the embedding's CLIP (see laion-model.ts). */
export interface PairSignals {
  id: number;
  /** LAION aesthetic predictor, about 1–10. */
  aesthetic: number | null;
  /** LAION CLIP NSFW classifier's probability of unsafe (ViT-B/32 only). */
  punsafe: number | null;
  /** Probability of LAION's violent prompt; > 0.5 is LAION's drop rule (violence.ts). */
  violence: number | null;
}

export interface SignalsProgress {
  done: number;
  total: number;
}

export interface SignalsSummary {
  dataset: string;
  dim: number | null;
  /** Pairs that got their signals in this run (violence, and aesthetic/punsafe where they had none). */
  scored: number;
  /** Of those, how many had no aesthetic / punsafe from their source and got LAION's. */
  aestheticFilled: number;
  punsafeFilled: number;
  /** Why nothing could be scored (no image embeddings, or a CLIP model LAION published no weights for). */
  note?: string;
}
