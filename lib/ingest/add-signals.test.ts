import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/shared-data';
import { computeSignals } from '../signals/compute-signals';
import { addSignals, asSixDecimals } from './add-signals';
import type { PairRecord } from './types';

/** The first real CLIP ViT-B/32 embedding of lib/signals' fixture (float16 → float32). */
function realEmbedding(): Float32Array {
  const buf = readFileSync(path.join(REPO_ROOT, 'lib', 'signals', '__fixtures__', 'clip-vit-b32-img_emb.npy'));
  const offset = 10 + buf.readUInt16LE(8);
  return Float32Array.from({ length: 512 }, (_, i) => {
    const b = buf.readUInt16LE(offset + 2 * i);
    const e = (b >> 10) & 31;
    const m = b & 1023;
    return (b >> 15 ? -1 : 1) * (e ? (1 + m / 1024) * 2 ** (e - 15) : m * 2 ** -24);
  });
}

const record = (over: Partial<PairRecord>): PairRecord => ({
  sourceFile: 'm.parquet', sourceRow: 0, url: null, caption: null, width: null, height: null, similarity: null, punsafe: null,
  pwatermark: null, aesthetic: null, license: null, language: null, nsfw: null, hash: null, sampleId: null, imagePath: null,
  extra: null, imgEmb: null, txtEmb: null, ...over,
});

async function collect(batches: AsyncIterable<PairRecord[]>): Promise<PairRecord[]> {
  const out: PairRecord[] = [];
  for await (const b of batches) out.push(...b);
  return out;
}

describe('addSignals', () => {
  it('scores rows with an image embedding, keeps the source’s own scores and leaves the rest alone', async () => {
    const emb = realEmbedding();
    const [expected] = computeSignals([{ id: 0, embedding: emb }]);
    async function* source() {
      yield [record({ sourceRow: 0, imgEmb: emb }), record({ sourceRow: 1, imgEmb: emb, aesthetic: 6.5, punsafe: 0.25 })];
      yield [record({ sourceRow: 2 }), record({ sourceRow: 3, imgEmb: new Float32Array(1024).fill(1 / 32) })];
    }
    const count = { rows: 0 };
    const rows = await collect(addSignals(source(), count));
    expect(count.rows).toBe(2);
    expect(rows[0]).toMatchObject({ aesthetic: expected.aesthetic, punsafe: expected.punsafe, violence: expected.violence });
    expect(rows[1]).toMatchObject({ aesthetic: 6.5, punsafe: 0.25, violence: expected.violence });
    expect(rows[2].violence).toBeUndefined();
    expect(rows[3]).toMatchObject({ aesthetic: null, punsafe: null });
    expect(rows[3].violence).toBeUndefined();
  });
});

describe('asSixDecimals', () => {
  it('is each value rounded to six decimals, as float32', () => {
    const v = Float32Array.from({ length: 4096 }, (_, i) => Math.sin(i * 12.9898) * 0.2);
    const out = asSixDecimals(v);
    expect(out).not.toBe(v);
    expect(Array.from(out)).toEqual(Array.from(v, (x) => Math.fround(Math.round(x * 1e6) / 1e6)));
  });
});
