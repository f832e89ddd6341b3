// All three LAION signals for a CLIP ViT-B/32 embedding in one pass over its 512 values, with a small WebAssembly SIMD kernel.
import { AppError } from '../errors/app-error';
import { formatLikePrintf } from './format-like-printf';
import { readFloat32Npy, readLaionJson } from './read-laion-weights';

const DIM = 512;
const HIDDEN = 32;
/** Keras Normalization's floor on the standard deviation. */
const MIN_STD = 1e-7;
const CLIP_LOGIT_SCALE = 100; // violence.ts explains it
/**
 * The kernel's outputs per row: the NSFW net's first layer (32), the aesthetic dot product (1), and the violence
 * logit difference, violent prompt minus calm prompt (1), padded to 36 = 9 lanes of 4 floats.
 */
const OUTS = 36;
const AESTHETIC = 32;
const VIOLENCE = 33;

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

// Where things live in the kernel's memory (2 pages of 64 KiB), all 16-byte aligned.
const W_OFF = 0; // DIM × OUTS float32, row-major: input i's 36 weights side by side
const B_OFF = W_OFF + DIM * OUTS * 4; // OUTS float32
const X_OFF = B_OFF + OUTS * 4; // DIM float32: the row
const OUT_OFF = X_OFF + DIM * 4; // OUTS float32, then the row's Σx² as a float64
const K1_OFF = OUT_OFF + OUTS * 4 + 16; // HIDDEN × HIDDEN float32: the NSFW net's second layer, row-major
const B1_OFF = K1_OFF + HIDDEN * HIDDEN * 4; // HIDDEN float32
const H0_OFF = B1_OFF + HIDDEN * 4; // HIDDEN float32: the first layer's activations
const H1_OFF = H0_OFF + HIDDEN * 4; // HIDDEN float32: the second layer's sums
const MEM_PAGES = 2;

/**
 * The kernel, `run(w, b, x, out)`: out[0..36) = b + Σᵢ x[i]·w[i][0..36) in float32 SIMD lanes (9 accumulators of 4,
 * each input splat once and its 36 weights read in order), and out[36..38) as a float64 = Σᵢ x[i]² (for the
 * aesthetic model's normalisation); `dense2(w, b, x, out)` the same for the NSFW net's 32×32 layer. The WebAssembly is written out here, byte by byte, so there is no build step
 * and no toolchain; it is about 500 bytes. Plain (not relaxed) SIMD is IEEE-exact and fixed-order, so a row gets
 * bit-identical results whatever batch it is in, on every machine.
 */
function kernelBytes(): Uint8Array<ArrayBuffer> {
  const uleb = (n: number): number[] => {
    const out: number[] = [];
    do {
      let b = n & 0x7f;
      n >>>= 7;
      if (n) b |= 0x80;
      out.push(b);
    } while (n);
    return out;
  };
  const sleb = (n: number): number[] => {
    const out: number[] = [];
    for (;;) {
      const b = n & 0x7f;
      n >>= 7;
      if ((n === 0 && !(b & 0x40)) || (n === -1 && b & 0x40)) return [...out, b];
      out.push(b | 0x80);
    }
  };
  const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
  const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
  const [I32, F32, F64, V128] = [0x7f, 0x7d, 0x7c, 0x7b];
  const get = (i: number) => [0x20, i];
  const set = (i: number) => [0x21, i];
  const tee = (i: number) => [0x22, i];
  const i32Const = (n: number) => [0x41, ...sleb(n)];
  const I32_ADD = 0x6a;
  const v128Load = (offset: number) => [0xfd, 0x00, 4, ...uleb(offset)];
  const v128Store = (offset: number) => [0xfd, 0x0b, 4, ...uleb(offset)];
  const F32X4_SPLAT = [0xfd, 0x13];
  const F32X4_ADD = [0xfd, ...uleb(0xe4)];
  const F32X4_MUL = [0xfd, ...uleb(0xe6)];
  /**
   * `out = b + Σᵢ x[i]·w[i]` for `inputs` inputs and 4·`lanes` outputs (w row-major, a row per input), and with
   * `sumSquares`, Σx² as a float64 after the outputs. Params 0 w, 1 b, 2 x, 3 out; locals 4 end (i32), 5 xi (f32),
   * 6 splat (v128), 7… accumulators (v128), then Σx² (f64).
   */
  const dense = (lanes: number, inputs: number, sumSquares: boolean) => {
    const [W, B, X, OUT, END, XI, XS, ACC, SQ] = [0, 1, 2, 3, 4, 5, 6, 7, 7 + lanes];
    const ks = Array.from({ length: lanes }, (_, k) => k);
    const code = [
      ...ks.flatMap((k) => [...get(B), ...v128Load(16 * k), ...set(ACC + k)]),
      ...get(X), ...i32Const(inputs * 4), I32_ADD, ...set(END),
      0x03, 0x40, // loop
      ...get(X), 0x2a, 2, 0, ...tee(XI), ...F32X4_SPLAT, ...set(XS), // f32.load
      // Σx² += f64(xi)·f64(xi)
      ...(sumSquares ? [...get(XI), 0xbb, ...get(XI), 0xbb, 0xa2, ...get(SQ), 0xa0, ...set(SQ)] : []),
      ...ks.flatMap((k) => [...get(ACC + k), ...get(XS), ...get(W), ...v128Load(16 * k), ...F32X4_MUL, ...F32X4_ADD, ...set(ACC + k)]),
      ...get(W), ...i32Const(lanes * 16), I32_ADD, ...set(W),
      ...get(X), ...i32Const(4), I32_ADD, ...tee(X), ...get(END), 0x47, 0x0d, 0, // i32.ne; br_if 0
      0x0b, // end loop
      ...ks.flatMap((k) => [...get(OUT), ...get(ACC + k), ...v128Store(16 * k)]),
      ...(sumSquares ? [...get(OUT), ...get(SQ), 0x39, 3, ...uleb(lanes * 16)] : []), // f64.store
      0x0b,
    ];
    const body = [4, 1, I32, 1, F32, lanes + 1, V128, 1, F64, ...code];
    return [...uleb(body.length), ...body];
  };
  // Function 0, run: the first layer etc. (9 lanes over 512 inputs); function 1, dense2: the NSFW net's 32×32 layer.
  const functions = [dense(OUTS / 4, DIM, true), dense(HIDDEN / 4, HIDDEN, false)];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, 4, I32, I32, I32, I32, 0]), // type: (i32 ×4) → ()
    ...section(3, [2, 0, 0]), // two functions of type 0
    ...section(5, [1, 0x00, MEM_PAGES]), // memory, min 2 pages
    ...section(7, [3, ...name('memory'), 0x02, 0, ...name('run'), 0x00, 0, ...name('dense2'), 0x00, 1]),
    ...section(10, [2, ...functions.flat()]),
  ]);
}

interface Model {
  run: () => void;
  dense2: () => void;
  x: Float32Array; // the kernel's input row, in its memory
  xBits: Uint32Array; // the same, as bits
  out: Float32Array; // its 36 outputs
  sumSquares: Float64Array; // its Σx² (length 1)
  lookups: { column: number; index: Map<string, number>; byBits: Map<number, number>; mean: number; std: number; weights: Float64Array }[];
  aestheticBias: number;
  k2: Float32Array;
  b2: number;
  acc: Float64Array; // the first layer's sums, finished in float64
  h0: Float32Array; // dense2's input and output, in the kernel's memory
  h1: Float32Array;
}

let model: Model | undefined;

function w(file: string, size: number): Float32Array {
  const { data } = readFloat32Npy(file);
  if (data.length !== size) throw new AppError('internal', `${file} has ${data.length} values, expected ${size}`);
  return data;
}

/**
 * Loads the weights into the kernel's memory once. Keras's normalisation `(x − mean) / std` is folded into the
 * NSFW net's first layer (kernel rows divided by std, `Σ mean/std · kernel` taken off the bias, in float64, then
 * stored as float32), so the kernel reads the raw vector; the three looked-up columns get zero weights there and
 * are added afterwards in float64, since their input is a vocabulary position, not the embedding value.
 */
function loadModel(): Model {
  if (model) return model;
  const mean = w('nsfw-b32/normalization_mean.npy', DIM);
  // Keras computes the std in float32; so do we.
  const std = Float32Array.from(w('nsfw-b32/normalization_variance.npy', DIM), (v) => Math.max(Math.fround(Math.sqrt(v)), MIN_STD));
  const k0 = w('nsfw-b32/dense_kernel.npy', DIM * HIDDEN); // Keras: row-major (inputs × outputs)
  const b0 = w('nsfw-b32/dense_bias.npy', HIDDEN);
  const aesthetic = w('aesthetic/vit_b_32_linear_weight.npy', DIM);
  const prompts = w('violence/violence_detection_vit_b_32.npy', 2 * DIM);

  const instance = new WebAssembly.Instance(new WebAssembly.Module(kernelBytes()));
  const memory = instance.exports.memory as WebAssembly.Memory;
  const run = instance.exports.run as (w: number, b: number, x: number, out: number) => void;
  const kernel = new Float32Array(memory.buffer, W_OFF, DIM * OUTS);
  const bias = new Float32Array(memory.buffer, B_OFF, OUTS);
  const lookupColumns = new Set(LOOKUP_COLUMNS.map((l) => l.column));
  const folded = Float64Array.from(b0);
  for (let i = 0; i < DIM; i++) {
    if (!lookupColumns.has(i)) {
      for (let j = 0; j < HIDDEN; j++) {
        kernel[i * OUTS + j] = k0[i * HIDDEN + j] / std[i];
        folded[j] -= (mean[i] / std[i]) * k0[i * HIDDEN + j];
      }
    }
    kernel[i * OUTS + AESTHETIC] = aesthetic[i];
    kernel[i * OUTS + VIOLENCE] = prompts[DIM + i] - prompts[i];
  }
  bias.set(folded);

  new Float32Array(memory.buffer, K1_OFF, HIDDEN * HIDDEN).set(w('nsfw-b32/dense_1_kernel.npy', HIDDEN * HIDDEN));
  new Float32Array(memory.buffer, B1_OFF, HIDDEN).set(w('nsfw-b32/dense_1_bias.npy', HIDDEN));
  const dense2 = instance.exports.dense2 as (w: number, b: number, x: number, out: number) => void;
  model = {
    run: () => run(W_OFF, B_OFF, X_OFF, OUT_OFF),
    dense2: () => dense2(K1_OFF, B1_OFF, H0_OFF, H1_OFF),
    x: new Float32Array(memory.buffer, X_OFF, DIM),
    xBits: new Uint32Array(memory.buffer, X_OFF, DIM),
    out: new Float32Array(memory.buffer, OUT_OFF, OUTS),
    sumSquares: new Float64Array(memory.buffer, OUT_OFF + OUTS * 4, 1),
    lookups: LOOKUP_COLUMNS.map(({ column, file }) => ({
      column,
      index: new Map(readLaionJson<string[]>(file).map((key, i) => [key, i + 1])),
      byBits: new Map<number, number>(),
      mean: mean[column],
      std: std[column],
      weights: Float64Array.from(k0.subarray(column * HIDDEN, (column + 1) * HIDDEN)),
    })),
    aestheticBias: w('aesthetic/vit_b_32_linear_bias.npy', 1)[0],
    k2: w('nsfw-b32/dense_2_kernel.npy', HIDDEN),
    b2: w('nsfw-b32/dense_2_bias.npy', 1)[0],
    acc: new Float64Array(HIDDEN),
    h0: new Float32Array(memory.buffer, H0_OFF, HIDDEN),
    h1: new Float32Array(memory.buffer, H1_OFF, HIDDEN),
  };
  return model;
}

/** Rounding to float16 as roundToHalf (round-to-half.ts) does, into the kernel's input instead of a new array. */
const HALF_MIN_NORMAL_EXP = 113;
const TWO_24 = 2 ** 24;

export interface VitB32Signals {
  aesthetic: number;
  punsafe: number;
  violence: number;
}

/**
 * LAION's aesthetic, NSFW (`punsafe`) and violence scores for a 512-d CLIP ViT-B/32 image embedding, as given or
 * first rounded to float16 (`toHalf`, the precision pgvector's halfvec stores). One kernel call computes the NSFW
 * net's first layer, the aesthetic dot product and the violence logit; the lookups are added in float64, a
 * second call (dense2) does the 32×32 layer and the 32×1 one follows in float64. Float32 sums in another order than
 * Keras's differ from it far below the 1e-3 the tests ask (by about 3e-6 from float64 loops).
 *
 * A NaN in the vector (hand-made input; ingest refuses those) makes the aesthetic and violence NaN, while the NSFW
 * net reads it as 0 (Keras's NaN handling), except in a looked-up column, where it is the string "nan".
 * `nsfw: false` skips the NSFW net's remaining layers (punsafe is then NaN), for rows whose source gave punsafe.
 */
export function vitB32Signals(embedding: Float32Array, { toHalf = false, nsfw = true } = {}): VitB32Signals {
  if (embedding.length !== DIM) throw new AppError('internal', `vitB32Signals needs a ${DIM}-d embedding, got ${embedding.length}`);
  const m = loadModel();
  const { x, xBits } = m;
  // A view, not a copy: the bits of the row, to round them (or not) into the kernel's input.
  const inBits = new Uint32Array(embedding.buffer, embedding.byteOffset, DIM);
  let nan = false;
  for (let i = 0; i < DIM; i++) {
    const bits = inBits[i];
    const exp = (bits >>> 23) & 0xff;
    if (exp >= HALF_MIN_NORMAL_EXP && exp !== 0xff) {
      // A float16 normal: drop 13 mantissa bits with a round-to-even carry (or keep the value as it is).
      xBits[i] = toHalf ? (bits + 0xfff + ((bits >>> 13) & 1)) & 0xffffe000 : bits;
    } else {
      let v = embedding[i];
      if (v !== v) {
        nan = true;
        v = 0;
      } else if (toHalf && exp !== 0xff) {
        // float16's subnormals: a multiple of 2^-24, ties to even.
        const s = v * TWO_24; // exact: a power-of-two scale
        let k = Math.round(s); // halves go up; make them go to even
        if (k - s === 0.5 && k % 2 !== 0) k -= 1;
        v = k / TWO_24;
      }
      x[i] = v;
    }
  }
  m.run();
  const { out, h0, h1, acc } = m;
  const norm = m.sumSquares[0];
  // A zero vector has no direction; ingest refuses those, so this only guards hand-made input.
  const aesthetic = nan ? NaN : norm === 0 ? m.aestheticBias : out[AESTHETIC] / Math.sqrt(norm) + m.aestheticBias;
  // softmax over two logits is the logistic function of their difference, which cannot overflow.
  const violence = nan ? NaN : 1 / (1 + Math.exp(-CLIP_LOGIT_SCALE * out[VIOLENCE]));
  if (!nsfw) return { aesthetic, punsafe: NaN, violence };
  for (let j = 0; j < HIDDEN; j++) acc[j] = out[j];
  for (const { column, index, byBits, mean, std, weights } of m.lookups) {
    // The value as the kernel's input holds it (rounded or not), or NaN, which the NSFW net looks up as "nan".
    const isNan = nan && embedding[column] !== embedding[column];
    const bits = xBits[column];
    // A float16 value (the low 13 bits clear) keyed by its top 19 bits, a small integer V8 hashes fast; NaN as -1.
    const key = isNan ? -1 : (bits & 0x1fff) === 0 ? bits >>> 13 : -2;
    let position = key === -2 ? undefined : byBits.get(key);
    if (position === undefined) {
      // Formatting like printf costs more than the rest of the row: remember each float16 value's position (at
      // most 65,536 of them per column).
      position = index.get(formatLikePrintf(isNan ? NaN : x[column])) ?? 0;
      if (key !== -2) byBits.set(key, position);
    }
    const z = (position - mean) / std;
    for (let j = 0; j < HIDDEN; j++) acc[j] += z * weights[j];
  }
  for (let j = 0; j < HIDDEN; j++) h0[j] = acc[j] > 0 ? acc[j] : 0;
  m.dense2();
  const { k2 } = m;
  let logit = m.b2;
  for (let j = 0; j < HIDDEN; j++) if (h1[j] > 0) logit += h1[j] * k2[j];
  return { aesthetic, punsafe: 1 / (1 + Math.exp(-logit)), violence };
}
