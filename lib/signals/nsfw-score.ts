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
  /** Dense kernels transposed to (outputs × inputs) in float64, so each output is one contiguous dot product. */
  k0: Float64Array;
  b0: Float32Array;
  k1: Float64Array;
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
    k0: transpose(w('dense_kernel', DIM * HIDDEN), DIM, HIDDEN),
    b0: w('dense_bias', HIDDEN),
    k1: transpose(w('dense_1_kernel', HIDDEN * HIDDEN), HIDDEN, HIDDEN),
    b1: w('dense_1_bias', HIDDEN),
    k2: w('dense_2_kernel', HIDDEN),
    b2: w('dense_2_bias', 1)[0],
  };
  return model;
}

/** Keras stores a row-major (inputs × outputs) kernel; this returns (outputs × inputs). */
function transpose(kernel: Float32Array, inputs: number, outputs: number): Float64Array {
  const t = new Float64Array(kernel.length);
  for (let i = 0; i < inputs; i++) for (let j = 0; j < outputs; j++) t[j * inputs + i] = kernel[i * outputs + j];
  return t;
}

/**
 * `relu(x · kernel + bias)` with a transposed kernel (inputs a multiple of 4). The first layer is nearly all of
 * the cost of scoring a row at ingest, so: float64 throughout (no float32 conversions per element) and four
 * running sums, which V8 runs about twice as fast as one (measured with process.cpuUsage). Keras sums in float32
 * in another order; the difference is far below the scores' 1e-3 tolerance.
 */
function denseRelu(x: Float64Array, kernelT: Float64Array, bias: Float32Array): Float64Array {
  const n = x.length;
  const out = new Float64Array(bias.length);
  for (let j = 0; j < bias.length; j++) {
    const base = j * n;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let i = 0; i < n; i += 4) {
      s0 += x[i] * kernelT[base + i];
      s1 += x[i + 1] * kernelT[base + i + 1];
      s2 += x[i + 2] * kernelT[base + i + 2];
      s3 += x[i + 3] * kernelT[base + i + 3];
    }
    const sum = bias[j] + (s0 + s1) + (s2 + s3);
    out[j] = sum > 0 ? sum : 0;
  }
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
  // A plain loop: Float32Array.from with a mapping function is slow in V8.
  const x = new Float64Array(DIM);
  for (let i = 0; i < DIM; i++) {
    const v = embedding[i];
    x[i] = Number.isNaN(v) ? 0 : v;
  }
  // The lookup reads the raw value (NaN included, as "nan"), before the NaN-to-zero of the other columns.
  for (const { column, index } of m.lookups) x[column] = index.get(formatLikePrintf(embedding[column])) ?? 0;
  for (let i = 0; i < DIM; i++) x[i] = (x[i] - m.mean[i]) / m.std[i];
  const h1 = denseRelu(denseRelu(x, m.k0, m.b0), m.k1, m.b1);
  let logit = m.b2;
  for (let j = 0; j < HIDDEN; j++) logit += h1[j] * m.k2[j];
  return 1 / (1 + Math.exp(-logit));
}
