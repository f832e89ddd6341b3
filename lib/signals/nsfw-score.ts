// LAION's CLIP NSFW classifier for ViT-B/32 (an AutoKeras model), following nsfw-b32/model.json; vit-b32-signals.ts runs it.
import { vitB32Signals } from './vit-b32-signals';

/**
 * LAION's `punsafe`: the probability the classifier gives NSFW, for a CLIP ViT-B/32 image embedding (as stored,
 * unit length; the model does not normalise it). No NSFW model exists for other CLIP models: null.
 * Layers (model.json): category encoding of three columns by their "%f" text → normalisation → dense 32 + ReLU →
 * dense 32 + ReLU → (dropout, identity at inference) → dense 1 → sigmoid. The same computation as computeSignals
 * makes, so the two agree to the bit.
 */
export function nsfwScore(embedding: Float32Array): number | null {
  return embedding.length === 512 ? vitB32Signals(embedding).punsafe : null;
}
