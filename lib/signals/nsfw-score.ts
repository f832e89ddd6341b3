// LAION's CLIP NSFW classifier for ViT-B/32 (an AutoKeras model) as plain matrix code, following nsfw-b32/model.json.
import { AppError } from '../errors/app-error';
import { formatLikePrintf } from './format-like-printf';
import { readFloat32Npy, readLaionJson } from './read-laion-weights';

const DIM = 512;
const HIDDEN = 32;
/** Keras Normalization's floor on the standard deviation. */
const MIN_STD = 1e-7;

/**
 * AutoKeras took three of the 512 embedding columns for categories and replaced each value with its position
 * in a vocabulary of the training set's values, written as C's "%f" strings (1-based; 0 for unseen). It makes
 * no sense for a continuous feature, but it is what the published model computes, so we do it too.
 */
const LOOKUP_COLUMNS = [
  { column: 92, file: 'nsfw-b32/vocab_col092.json' },
  { column: 133, file: 'nsfw-b32/vocab_col133.json' },
  { column: 312, file: 'nsfw-b32/vocab_col312.json' },
];

interface NsfwModel {
  lookups: { column: number; index: Map<string, number> }[];
  mean: Float32Array;
  std: Float32Array;
  k0: Float32Array; // 512×32 row-major
  b0: Float32Array;
  k1: Float32Array; // 32×32
  b1: Float32Array;
  k2: Float32Array; // 32×1
  b2: number;
}

let model: NsfwModel | undefined;

function loadModel(): NsfwModel {
  if (model) return model;
  const w = (name: string, size: number) => {
    const { data } = readFloat32Npy(`nsfw-b32/${name}.npy`);
    if (data.length !== size) throw new AppError('internal', `nsfw-b32/${name}.npy has ${data.length} values, expected ${size}`);
    return data;
  };
  const variance = w('normalization_variance', DIM);
  model = {
    lookups: LOOKUP_COLUMNS.map(({ column, file }) => ({
      column,
      index: new Map(readLaionJson<string[]>(file).map((key, i) => [key, i + 1])),
    })),
    mean: w('normalization_mean', DIM),
    // Keras computes in float32; so do we, where it matters for the rounding.
    std: Float32Array.from(variance, (v) => Math.max(Math.fround(Math.sqrt(v)), MIN_STD)),
    k0: w('dense_kernel', DIM * HIDDEN),
    b0: w('dense_bias', HIDDEN),
    k1: w('dense_1_kernel', HIDDEN * HIDDEN),
    b1: w('dense_1_bias', HIDDEN),
    k2: w('dense_2_kernel', HIDDEN),
    b2: w('dense_2_bias', 1)[0],
  };
  return model;
}

/** `relu(x · kernel + bias)` for a row-major (inputs × outputs) kernel. */
function denseRelu(x: Float32Array, kernel: Float32Array, bias: Float32Array): Float32Array {
  const out = Float32Array.from(bias);
  for (let i = 0; i < x.length; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * out.length;
    for (let j = 0; j < out.length; j++) out[j] += xi * kernel[row + j];
  }
  for (let j = 0; j < out.length; j++) if (out[j] < 0) out[j] = 0;
  return out;
}

/**
 * LAION's `punsafe`: the probability the classifier gives NSFW, for a CLIP ViT-B/32 image embedding (as stored,
 * unit length; the model does not normalise it). No NSFW model exists for other CLIP models: null.
 * Layers (model.json): category encoding → normalisation → dense 32 + ReLU → dense 32 + ReLU → (dropout, identity
 * at inference) → dense 1 → sigmoid.
 */
export function nsfwScore(embedding: Float32Array): number | null {
  if (embedding.length !== DIM) return null;
  const m = loadModel();
  const x = Float32Array.from(embedding, (v) => (Number.isNaN(v) ? 0 : v));
  // The lookup reads the raw value (NaN included, as "nan"), before the NaN-to-zero of the other columns.
  for (const { column, index } of m.lookups) x[column] = index.get(formatLikePrintf(embedding[column])) ?? 0;
  for (let i = 0; i < DIM; i++) x[i] = (x[i] - m.mean[i]) / m.std[i];
  const h1 = denseRelu(denseRelu(x, m.k0, m.b0), m.k1, m.b1);
  let logit = m.b2;
  for (let j = 0; j < HIDDEN; j++) logit += h1[j] * m.k2[j];
  return 1 / (1 + Math.exp(-logit));
}
