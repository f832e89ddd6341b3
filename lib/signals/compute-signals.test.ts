// Sieve's LAION signals against a second, independent forward pass written here from the same weight files,
// and against the reference NSFW scores in model.json, for 7 real CLIP ViT-B/32 embeddings.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/shared-data';
import { aestheticRating } from './aesthetic-ratings';
import { aestheticScore } from './aesthetic-score';
import { computeSignals } from './compute-signals';
import { nsfwScore } from './nsfw-score';
import { roundToHalf } from './round-to-half';
import { violencePrompts, violenceScore } from './violence';
import { vitB32Signals } from './vit-b32-signals';

const MODELS = path.join(REPO_ROOT, 'data', 'laion-models');
const FIXTURES = path.join(REPO_ROOT, 'lib', 'signals', '__fixtures__');

// ---- the independent reference: its own .npy reader, float16 decoder and plain-loop layers ----

/** Minimal .npy reader (little-endian <f2/<f4, C order) returning rows of doubles. */
function npy(file: string): number[][] {
  const buf = readFileSync(file);
  const headerLen = buf.readUInt16LE(8);
  const header = buf.toString('latin1', 10, 10 + headerLen);
  const descr = /'descr': '([^']+)'/.exec(header)![1];
  const dims = /'shape': \(([^)]*)\)/.exec(header)![1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
  const [rows, cols] = dims.length === 1 ? [1, dims[0]] : dims;
  const size = descr === '<f2' ? 2 : 4;
  const at = (i: number) => 10 + headerLen + i * size;
  const value = (i: number) => (size === 4 ? buf.readFloatLE(at(i)) : half(buf.readUInt16LE(at(i))));
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => value(r * cols + c)));
}

function half(bits: number): number {
  const sign = bits >> 15 ? -1 : 1;
  const exp = (bits >> 10) & 31;
  const frac = bits & 1023;
  return exp === 0 ? sign * frac * 2 ** -24 : sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
const model = (f: string) => path.join(MODELS, f);
const json = <T>(f: string) => JSON.parse(readFileSync(model(f), 'utf8')) as T;

function refAesthetic(x: number[], stem: string): number {
  const w = npy(model(`aesthetic/${stem}_linear_weight.npy`))[0];
  const b = npy(model(`aesthetic/${stem}_linear_bias.npy`))[0][0];
  return dot(x, w) / Math.sqrt(dot(x, x)) + b;
}

function refViolence(x: number[], stem: string): number {
  const [calm, violent] = npy(model(`violence/violence_detection_${stem}.npy`));
  const logits = [100 * dot(x, calm), 100 * dot(x, violent)];
  const top = Math.max(...logits);
  const e = logits.map((l) => Math.exp(l - top));
  return e[1] / (e[0] + e[1]);
}

/** model.json's layers, one by one. The embeddings' lookup values are no exact ties, so toFixed is C's "%f" here. */
function refNsfwLogit(x: number[]): number {
  const v = [...x];
  for (const c of [92, 133, 312]) {
    const vocab = json<string[]>(`nsfw-b32/vocab_col${String(c).padStart(3, '0')}.json`);
    expect((Math.abs(x[c]) * 128) % 2).not.toBe(1); // an exact tie would need C's half-to-even
    v[c] = vocab.indexOf(x[c].toFixed(6)) + 1; // -1 + 1 = 0 for out of vocabulary
  }
  const mean = npy(model('nsfw-b32/normalization_mean.npy'))[0];
  const variance = npy(model('nsfw-b32/normalization_variance.npy'))[0];
  let h = v.map((xi, i) => (xi - mean[i]) / Math.max(Math.sqrt(variance[i]), 1e-7));
  for (const layer of ['dense', 'dense_1']) {
    const kernel = npy(model(`nsfw-b32/${layer}_kernel.npy`));
    const bias = npy(model(`nsfw-b32/${layer}_bias.npy`))[0];
    h = bias.map((b, j) => Math.max(0, b + h.reduce((s, hi, i) => s + hi * kernel[i][j], 0)));
  }
  const k2 = npy(model('nsfw-b32/dense_2_kernel.npy'));
  return npy(model('nsfw-b32/dense_2_bias.npy'))[0][0] + h.reduce((s, hi, i) => s + hi * k2[i][0], 0);
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

// ---- the real embeddings ----

const embeddings = npy(path.join(FIXTURES, 'clip-vit-b32-img_emb.npy'));
const files = (JSON.parse(readFileSync(path.join(FIXTURES, 'clip-vit-b32-images.json'), 'utf8')) as { file: string }[]).map((i) => i.file);
const reference = json<{ reference_scores_clip_vit_b32_images: { scores: Record<string, { score: number; logit: number }> } }>('nsfw-b32/model.json')
  .reference_scores_clip_vit_b32_images.scores;

describe('LAION signals for real CLIP ViT-B/32 embeddings', () => {
  it.each(files.map((f, i) => [f, i] as const))('%s: aesthetic, violence and NSFW match the reference to 1e-3', (file, i) => {
    const x = embeddings[i];
    const f32 = Float32Array.from(x);
    expect(aestheticScore(f32)).toBeCloseTo(refAesthetic(x, 'vit_b_32'), 3);
    expect(violenceScore(f32)).toBeCloseTo(refViolence(x, 'vit_b_32'), 3);
    const logit = refNsfwLogit(x);
    const p = nsfwScore(f32)!;
    expect(p).toBeCloseTo(sigmoid(logit), 3);
    expect(Math.log(p / (1 - p))).toBeCloseTo(logit, 3);
    // model.json's own figures (a numpy pass), six significant digits.
    expect(Math.log(p / (1 - p))).toBeCloseTo(reference[file].logit, 3);
    expect(p).toBeCloseTo(reference[file].score, 3);
    expect(p / reference[file].score).toBeCloseTo(1, 3);
  });

  it('computes all three for a batch, keyed by id, as pure functions of the vector', () => {
    const rows = embeddings.map((x, i) => ({ id: 100 + i, embedding: Float32Array.from(x) }));
    const out = computeSignals(rows);
    expect(out.map((s) => s.id)).toEqual(rows.map((r) => r.id));
    out.forEach((s, i) => {
      expect(s.aesthetic).toBeCloseTo(refAesthetic(embeddings[i], 'vit_b_32'), 3);
      expect(s.violence).toBeCloseTo(refViolence(embeddings[i], 'vit_b_32'), 3);
      expect(s.punsafe).toBeCloseTo(sigmoid(refNsfwLogit(embeddings[i])), 3);
    });
  });

  it('keeps scores the source gave instead of computing them', () => {
    const embedding = Float32Array.from(embeddings[0]);
    const [given] = computeSignals([{ id: 1, embedding, aesthetic: 6.5, punsafe: 0.25 }]);
    expect(given).toMatchObject({ aesthetic: 6.5, punsafe: 0.25 });
    expect(given.violence).toBeCloseTo(refViolence(embeddings[0], 'vit_b_32'), 3);
    const [wide] = computeSignals([{ id: 2, embedding: new Float32Array(1024).fill(0.03), aesthetic: 4, punsafe: null }]);
    expect(wide).toEqual({ id: 2, aesthetic: 4, punsafe: null, violence: null });
  });

  it('a value that misses the vocabulary is out of vocabulary (0), as in Keras', () => {
    const x = [...embeddings[6]];
    x[92] += 0.5; // far from every training value
    expect(nsfwScore(Float32Array.from(x))).toBeCloseTo(sigmoid(refNsfwLogit(x)), 3);
  });
});

describe('violence is LAION’s argmax rule with a grade', () => {
  it.each([[512, 'vit_b_32'], [768, 'vit_l_14']] as const)('%i-d: above 0.5 exactly when the violent prompt wins', (dim, stem) => {
    const [calm, violent] = npy(model(`violence/violence_detection_${stem}.npy`));
    expect(violenceScore(Float32Array.from(violent))).toBeGreaterThan(0.5);
    expect(violenceScore(Float32Array.from(calm))).toBeLessThan(0.5);
    for (const x of [...embeddings, calm, violent].filter((v) => v.length === dim)) {
      expect(violenceScore(Float32Array.from(x)) > 0.5).toBe(dot(x, violent) > dot(x, calm));
    }
  });
});

describe('ViT-L/14 and other dimensions', () => {
  // LAION's rating embeddings are real ViT-L/14 image-space vectors: good 768-d inputs.
  const inputs = [0, 4, 9].map((k) => npy(model(`aesthetic/vit_l_14_embeddings/rating${k}.npy`))[0]);

  it('scores 768-d embeddings with the ViT-L/14 weights and has no NSFW model for them', () => {
    for (const x of inputs) {
      const [s] = computeSignals([{ id: 1, embedding: Float32Array.from(x) }]);
      // computeSignals rounds to float16 (as stored), hence 2 decimals against the float32 reference.
      expect(s.aesthetic).toBeCloseTo(refAesthetic(x, 'vit_l_14'), 2);
      expect(aestheticScore(Float32Array.from(x))).toBeCloseTo(refAesthetic(x, 'vit_l_14'), 3);
      expect(violenceScore(Float32Array.from(x))).toBeCloseTo(refViolence(x, 'vit_l_14'), 3);
      expect(s.punsafe).toBeNull();
    }
  });

  it('LAION’s rating 9 scores higher than rating 0 with its own predictor', () => {
    expect(refAesthetic(inputs[2], 'vit_l_14')).toBeGreaterThan(refAesthetic(inputs[0], 'vit_l_14'));
  });

  it('gives null signals for dimensions LAION has no model for', () => {
    expect(computeSignals([{ id: 7, embedding: new Float32Array(1024).fill(0.03) }])).toEqual([{ id: 7, aesthetic: null, punsafe: null, violence: null }]);
    expect(nsfwScore(new Float32Array(768))).toBeNull();
  });
});

describe('the rating embeddings and prompt matrices other modules read', () => {
  it('returns LAION’s rating{k} vector and the 2×d prompt matrix for both models', () => {
    for (const [dim, stem] of [[512, 'vit_b_32'], [768, 'vit_l_14']] as const) {
      for (const k of [0, 5, 9]) expect(Array.from(aestheticRating(dim, k))).toEqual(npy(model(`aesthetic/${stem}_embeddings/rating${k}.npy`))[0]);
      expect(Array.from(violencePrompts(dim))).toEqual(npy(model(`violence/violence_detection_${stem}.npy`)).flat());
    }
  });

  it('refuses other dimensions and ratings', () => {
    expect(() => aestheticRating(1024, 5)).toThrow(/512.*768/);
    expect(() => aestheticRating(512, 10)).toThrow(/0 to 9/);
    expect(() => violencePrompts(256)).toThrow(/512.*768/);
  });
});

describe('the one-pass ViT-B/32 kernel', () => {
  // Unit vectors with a few values in float16's subnormal range and exact float16 midpoints, to exercise the rounding.
  function randomRows(n: number, seed: number): Float32Array[] {
    let s = seed;
    const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) - 0.5;
    return Array.from({ length: n }, () => {
      const v = Float32Array.from({ length: 512 }, rnd);
      const norm = Math.hypot(...v);
      for (let i = 0; i < 512; i++) v[i] /= norm;
      v[7] = 3e-6; // a float16 subnormal
      v[8] = -(1 + 1 / 2048) * 2 ** -6; // a tie between two float16 values
      return v;
    });
  }

  it('rounds to float16 exactly as roundToHalf does, and scores a row the same in any batch and as the single-score functions', () => {
    const rows = randomRows(40, 7);
    const alone = rows.map((v) => computeSignals([{ id: 0, embedding: v }])[0]);
    const batch = computeSignals(rows.map((v, i) => ({ id: i, embedding: v })));
    const reversed = computeSignals(rows.map((v, i) => ({ id: i, embedding: v })).reverse()).reverse();
    rows.forEach((v, i) => {
      const h = roundToHalf(v);
      const expected = { aesthetic: aestheticScore(h), punsafe: nsfwScore(h), violence: violenceScore(h) };
      expect(vitB32Signals(v, { toHalf: true })).toEqual(vitB32Signals(h));
      expect(alone[i]).toEqual({ id: 0, ...expected });
      expect(batch[i]).toEqual({ id: i, ...expected });
      expect(reversed[i]).toEqual({ id: i, ...expected });
    });
  });

  it('matches the independent forward pass on random unit vectors too', () => {
    for (const v of randomRows(5, 99)) {
      const h = Array.from(roundToHalf(v));
      const [s] = computeSignals([{ id: 1, embedding: v }]);
      expect(s.aesthetic).toBeCloseTo(refAesthetic(h, 'vit_b_32'), 4);
      expect(s.violence).toBeCloseTo(refViolence(h, 'vit_b_32'), 4);
      expect(s.punsafe).toBeCloseTo(sigmoid(refNsfwLogit(h)), 4);
    }
  });

  it('a NaN makes aesthetic and violence NaN; the NSFW net reads it as 0, or as "nan" in a looked-up column', () => {
    const x = Float32Array.from(embeddings[2]);
    const zeroed = Float32Array.from(x);
    x[10] = NaN;
    zeroed[10] = 0;
    const s = vitB32Signals(x);
    expect(s.aesthetic).toBeNaN();
    expect(s.violence).toBeNaN();
    expect(s.punsafe).toBe(vitB32Signals(zeroed).punsafe);
    x[92] = NaN; // "nan" is in no vocabulary: position 0, like a missed value
    zeroed[92] += 0.5;
    expect(vitB32Signals(x).punsafe).toBeCloseTo(vitB32Signals(zeroed).punsafe, 12);
  });
});
