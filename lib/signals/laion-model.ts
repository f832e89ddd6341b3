// Which LAION weights go with an embedding dimension: the signals exist for CLIP ViT-B/32 and ViT-L/14 only.
import { AppError } from '../errors/app-error';

/** The file-name stem LAION uses for each CLIP model, keyed by its embedding dimension. */
const MODELS = { 512: 'vit_b_32', 768: 'vit_l_14' } as const;

export type LaionDim = keyof typeof MODELS;

/** True for the dimensions LAION published weights for (512: ViT-B/32, 768: ViT-L/14). */
export function isLaionDim(dim: number): dim is LaionDim {
  return dim === 512 || dim === 768;
}

/** `vit_b_32` or `vit_l_14`; any other dimension is a caller's mistake (check isLaionDim first). */
export function laionModelStem(dim: number): string {
  if (!isLaionDim(dim)) throw new AppError('bad_request', `LAION publishes no weights for ${dim}-dimensional embeddings (only 512: ViT-B/32, 768: ViT-L/14)`);
  return MODELS[dim];
}
