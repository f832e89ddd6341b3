// LAION's aesthetic predictor: a linear model over the normalised CLIP image embedding.
import { AppError } from '../errors/app-error';
import { laionModelStem } from './laion-model';
import { readFloat32Npy } from './read-laion-weights';
import { vitB32Signals } from './vit-b32-signals';

/**
 * `(x / ‖x‖) · w + b` with LAION's `sa_0_4_<model>_linear` weights, for a 512-d (ViT-B/32) or 768-d (ViT-L/14)
 * image embedding. The scale is LAION's: roughly 1–10, where LAION-Aesthetics kept images above 5 to 6.5.
 * Normalising here, not trusting the caller, is what LAION does and costs one pass. A 512-d embedding goes through
 * vit-b32-signals.ts, as computeSignals does, so the two agree to the bit.
 */
export function aestheticScore(x: Float32Array): number {
  if (x.length === 512) return vitB32Signals(x, { nsfw: false }).aesthetic;
  const stem = laionModelStem(x.length);
  const w = readFloat32Npy(`aesthetic/${stem}_linear_weight.npy`).data;
  const b = readFloat32Npy(`aesthetic/${stem}_linear_bias.npy`).data[0];
  if (w.length !== x.length) throw new AppError('internal', `${stem} aesthetic weight has ${w.length} values, expected ${x.length}`);
  let dot = 0;
  let norm = 0;
  for (let i = 0; i < x.length; i++) {
    dot += x[i] * w[i];
    norm += x[i] * x[i];
  }
  // A zero vector has no direction; ingest refuses those, so this only guards hand-made input.
  return norm === 0 ? b : dot / Math.sqrt(norm) + b;
}
