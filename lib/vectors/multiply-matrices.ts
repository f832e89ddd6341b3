// Dense float32 matrix products on the ONNX runtime that Transformers.js loads for CLIP: cosine tables of thousands
// of vectors at BLAS speed (a 3,000 × 512 by 512 × 256 product in ~15 ms on two idle cores; a JS loop takes ~0.5 s).
import type { Tensor } from '@huggingface/transformers';

interface Runtime {
  Tensor: typeof Tensor;
  matmul: (a: Tensor, b: Tensor) => Promise<Tensor>;
}

let runtime: Promise<Runtime | null> | undefined;

/**
 * `a` (m × k) times `b` (k × n), both row-major; returns m × n, row-major. Views (subarrays) are fine. Where the
 * runtime cannot load, the same product is computed in JavaScript: slower, never wrong.
 */
export async function multiplyMatrices(a: Float32Array, [m, k]: [number, number], b: Float32Array, [k2, n]: [number, number]): Promise<Float32Array> {
  if (k !== k2 || a.length < m * k || b.length < k * n) throw new Error(`cannot multiply ${m}×${k} by ${k2}×${n}`);
  if (m === 0 || n === 0) return new Float32Array(m * n);
  const ort = await (runtime ??= loadRuntime());
  if (ort) {
    try {
      const out = await ort.matmul(new ort.Tensor('float32', a.subarray(0, m * k), [m, k]), new ort.Tensor('float32', b.subarray(0, k * n), [k, n]));
      return out.data as Float32Array;
    } catch (err) {
      console.error('[multiplyMatrices] the ONNX runtime failed; multiplying in JavaScript from now on', err);
      runtime = Promise.resolve(null);
    }
  }
  return multiplyInJs(a, m, k, b, n);
}

async function loadRuntime(): Promise<Runtime | null> {
  try {
    const t = await import('@huggingface/transformers');
    return { Tensor: t.Tensor, matmul: t.matmul };
  } catch (err) {
    console.error('[multiplyMatrices] Transformers.js did not load; multiplying in JavaScript', err);
    return null;
  }
}

function multiplyInJs(a: Float32Array, m: number, k: number, b: Float32Array, n: number): Float32Array {
  const out = new Float32Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let p = 0; p < k; p++) {
      const x = a[i * k + p];
      if (x === 0) continue;
      const row = p * n;
      const at = i * n;
      for (let j = 0; j < n; j++) out[at + j] += x * b[row + j];
    }
  }
  return out;
}
