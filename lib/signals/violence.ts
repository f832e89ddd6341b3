// LAION's two-prompt violence detector: the prompt matrices and the probability it gives the violent prompt.
import { AppError } from '../errors/app-error';
import { laionModelStem } from './laion-model';
import { readFloat32Npy } from './read-laion-weights';
import { vitB32Signals } from './vit-b32-signals';

/**
 * The 2×dim prompt matrix (row 0: not violent, row 1: violent; both unit vectors), row-major, for the CLIP
 * model of this dimension (512: ViT-B/32, 768: ViT-L/14). Shared and cached: treat it as read-only.
 */
export function violencePrompts(dim: number): Float32Array {
  const stem = laionModelStem(dim);
  const { shape, data } = readFloat32Npy(`violence/violence_detection_${stem}.npy`);
  if (shape[0] !== 2 || shape[1] !== dim) {
    throw new AppError('internal', `violence prompts for ${stem} have shape (${shape.join(', ')}), expected (2, ${dim})`);
  }
  return data;
}

/**
 * Why 100 and a softmax: clip-retrieval drops an item when `argmax(x · Pᵀ) == 1`, a hard decision with no
 * score to store. CLIP itself turns cosine similarities into probabilities with its logit scale, 100, so
 * softmax(100 · x · Pᵀ)[1] is the probability CLIP would give the violent prompt, and it is > 0.5 exactly
 * when LAION's argmax picks it. That makes `violence > 0.5` LAION's drop rule, with a grade to sort by.
 */
export const CLIP_LOGIT_SCALE = 100;

/**
 * Probability of the violent prompt for an embedding `x` (unit length, as stored) of a LAION dimension. A 512-d
 * one goes through vit-b32-signals.ts, as computeSignals does, so the two agree to the bit.
 */
export function violenceScore(x: Float32Array): number {
  if (x.length === 512) return vitB32Signals(x, { nsfw: false }).violence;
  const p = violencePrompts(x.length);
  const d = x.length;
  let s0 = 0;
  let s1 = 0;
  for (let i = 0; i < d; i++) {
    s0 += x[i] * p[i];
    s1 += x[i] * p[d + i];
  }
  // softmax over two logits is the logistic function of their difference, which cannot overflow.
  return 1 / (1 + Math.exp(-CLIP_LOGIT_SCALE * (s1 - s0)));
}
