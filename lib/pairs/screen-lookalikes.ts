// Look-alikes arriving with new rows: an ingested shard's image vectors are compared with every hidden image of the
// same model as they stream to the database, and the rows that copy one are hidden in the shard's own transaction,
// so a re-hosted copy of a hidden image is never readable, not even between two commits. The comparison is one dense
// matrix product per block (the new vectors against the hidden ones) on the ONNX runtime, at BLAS speed: with 1,000
// hidden images an ingest runs at about half its speed (docs/performance.md), where a scan of the new rows per hidden
// vector would take several times the write. Candidates are then confirmed in SQL on the stored half-precision
// vectors, with the same cosine the rule uses everywhere else.
import type { Queryable } from '../db/client';
import { embeddingExpr } from '../datasets/vector-index';
import { multiplyMatrices } from '../vectors/multiply-matrices';
import { findLookalikes, type Lookalike } from './find-lookalikes';
import { insertLookalikes, insertUrlTwins, selectHiddenVectors, type HiddenVector } from './hiding-sql';
import { DUPLICATE_COSINE } from './schemas';

/** Half precision moves a cosine by ~0.002 at most; a wider margin keeps every true match among the candidates. */
const MARGIN = 0.005;
/** Rows and hidden vectors per product: the m × n result stays under 64 MB whatever the shard or the hidden set. */
const BLOCK = 4096;

export interface LookalikeCandidate {
  /** The new row: its source_row in an ingested shard, or its pair id when vectors are added to stored pairs. */
  key: number;
  /** The hidden vector it came near (a source's own image or a URL twin's). */
  hidden: HiddenVector;
}

export interface LookalikeScreen {
  /** Passes the batches on unchanged, noting each row whose image is near a hidden one. */
  watch<T extends { sourceRow: number; imgEmb: Float32Array | null }>(batches: AsyncIterable<T[]>): AsyncIterable<T[]>;
  /** Notes which of these vectors (keyed by pair id or source row) are near a hidden image. */
  screen(rows: { key: number; vector: Float32Array | null }[]): Promise<void>;
  readonly candidates: LookalikeCandidate[];
}

/** A screen for one dataset's new rows, or null while nothing of its model is hidden (then ingest pays nothing). */
export async function openLookalikeScreen(q: Queryable, datasetId: number): Promise<LookalikeScreen | null> {
  const [dataset] = await q.query<{ model: string; dim: number | null }>('SELECT model, dim FROM datasets WHERE id = $1', [datasetId]);
  if (!dataset?.dim) return null;
  const hidden = await selectHiddenVectors(q, { model: dataset.model, dim: dataset.dim });
  if (hidden.length === 0) return null;
  const dim = dataset.dim;
  const blocks = hiddenBlocks(hidden, dim);
  const candidates: LookalikeCandidate[] = [];
  return {
    candidates,
    screen: (rows) => screenBatch(rows, dim, blocks, candidates),
    // Rows are screened a block at a time, while the next batches are written: the product runs on the runtime's
    // own threads, so the database and the screen work side by side. One block in flight bounds the memory.
    async *watch(batches) {
      let buffer: { key: number; vector: Float32Array | null }[] = [];
      let inFlight: Promise<void> = Promise.resolve();
      let failed: unknown = null;
      const flush = async () => {
        const rows = buffer;
        buffer = [];
        await inFlight;
        if (failed) throw failed;
        inFlight = screenBatch(rows, dim, blocks, candidates).catch((err: unknown) => { failed = err; });
      };
      for await (const batch of batches) {
        for (const r of batch) if (r.imgEmb) buffer.push({ key: r.sourceRow, vector: r.imgEmb });
        if (buffer.length >= BLOCK) await flush();
        yield batch;
      }
      await flush();
      await inFlight;
      if (failed) throw failed;
    },
  };
}

interface HiddenBlock {
  vectors: HiddenVector[];
  /** dim × n, column j the j-th hidden vector. */
  matrix: Float32Array;
}

function hiddenBlocks(hidden: HiddenVector[], dim: number): HiddenBlock[] {
  const blocks: HiddenBlock[] = [];
  for (let at = 0; at < hidden.length; at += BLOCK) {
    const vectors = hidden.slice(at, at + BLOCK);
    const matrix = new Float32Array(dim * vectors.length);
    vectors.forEach((v, j) => {
      const values = JSON.parse(v.vector) as number[];
      for (let i = 0; i < dim; i++) matrix[i * vectors.length + j] = values[i];
    });
    blocks.push({ vectors, matrix });
  }
  return blocks;
}

async function screenBatch(batch: { key: number; vector: Float32Array | null }[], dim: number, blocks: HiddenBlock[], out: LookalikeCandidate[]) {
  const rows = batch.filter((r) => r.vector?.length === dim);
  for (let at = 0; at < rows.length; at += BLOCK) {
    const part = rows.slice(at, at + BLOCK);
    const a = new Float32Array(part.length * dim);
    part.forEach((r, i) => a.set(r.vector!, i * dim));
    for (const block of blocks) {
      const n = block.vectors.length;
      const cosines = await multiplyMatrices(a, [part.length, dim], block.matrix, [dim, n]);
      for (let i = 0; i < part.length; i++) {
        for (let j = 0; j < n; j++) {
          if (cosines[i * n + j] >= DUPLICATE_COSINE - MARGIN) out.push({ key: part[i].key, hidden: block.vectors[j] });
        }
      }
    }
  }
}

/**
 * In an ingested shard's transaction: its pairs that share a hidden URL, and those the screen found near a hidden
 * image (confirmed on the stored vectors), become hidden for the source they copy. A new URL twin whose image is not
 * itself a copy of a hidden one (the URL now serves another picture) hides its own look-alikes everywhere, as a twin
 * found when its source was flagged does. Returns the pairs it hid.
 */
export async function hideIngestedShard(q: Queryable, shard: { datasetId: number; sourceId: string }, screen: LookalikeScreen | null): Promise<number[]> {
  const twins = await insertUrlTwins(q, { shard });
  const near = await confirmLookalikes(q, screen?.candidates ?? [], 'p.source_row = c.k AND p.dataset_id = $1 AND p.source_id = $2', [shard.datasetId, shard.sourceId]);
  const made = await insertLookalikes(q, near);
  const nearIds = new Set(near.map((l) => l.pairId));
  const newImages = twins.filter((id) => !nearIds.has(id));
  const ofTwins = newImages.length ? await insertLookalikes(q, await findLookalikes(q, await selectHiddenVectors(q, { pairIds: newImages }))) : [];
  return [...new Set([...twins, ...made, ...ofTwins])];
}

/** In the transaction that gives stored pairs their image vectors (sieve embed): those that copy a hidden image hide. */
export async function hideEmbeddedLookalikes(q: Queryable, datasetId: number, ids: number[], vectors: Float32Array[]): Promise<number[]> {
  const screen = await openLookalikeScreen(q, datasetId);
  if (!screen) return [];
  await screen.screen(ids.map((key, i) => ({ key, vector: vectors[i] })));
  return insertLookalikes(q, await confirmLookalikes(q, screen.candidates, 'p.id = c.k', []));
}

/**
 * The candidates whose stored half-precision vectors are within the rule's cosine. Each hidden vector travels once
 * (a candidate names it by position), not once per candidate.
 */
async function confirmLookalikes(q: Queryable, candidates: LookalikeCandidate[], on: string, params: unknown[]): Promise<Lookalike[]> {
  if (candidates.length === 0) return [];
  const dim = candidates[0].hidden.dim;
  const position = new Map<HiddenVector, number>();
  for (const c of candidates) if (!position.has(c.hidden)) position.set(c.hidden, position.size + 1);
  const n = params.length;
  const cosine = `1 - (${embeddingExpr('img_emb', dim)} <=> c.v)`;
  // Each hidden vector parsed once, then joined to its candidates by position.
  const rows = await q.query<{ pair_id: number; source_pair_id: number; cosine: number }>(
    `WITH hv AS MATERIALIZED (SELECT v::halfvec(${dim}) AS v, i FROM unnest($${n + 4}::text[]) WITH ORDINALITY AS u(v, i)),
          c AS MATERIALIZED (SELECT u.k, u.s, hv.v FROM unnest($${n + 1}::bigint[], $${n + 2}::bigint[], $${n + 3}::int[]) AS u(k, s, i) JOIN hv ON hv.i = u.i)
     SELECT p.id AS pair_id, c.s AS source_pair_id, ${cosine} AS cosine
       FROM pairs p JOIN c ON ${on}
      WHERE p.img_emb IS NOT NULL AND ${cosine} >= ${DUPLICATE_COSINE}`,
    [...params, candidates.map((c) => c.key), candidates.map((c) => c.hidden.sourceId), candidates.map((c) => position.get(c.hidden)!), [...position.keys()].map((h) => h.vector)],
  );
  return rows.map((r) => ({ pairId: r.pair_id, sourceId: r.source_pair_id, cosine: r.cosine }));
}
