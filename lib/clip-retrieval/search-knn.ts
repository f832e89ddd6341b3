// POST /knn-service: clip-retrieval's nearest-neighbour search, answered by Sieve's search (lib/search).
import { AppError, isAppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Db, Queryable } from '../db/client';
import type { EmbeddingColumn } from '../datasets/vector-index';
import type { CursorKey } from '../search/cursor';
import { foldDuplicates } from '../search/fold-duplicates';
import { prepareSearch, type PreparedSearch } from '../search/prepare-search';
import { findNearest, nearestSettings, type HitRow, type Scope } from '../search/sql';
import { aestheticRating } from '../signals/aesthetic-ratings';
import { isLaionDim } from '../signals/laion-model';
import { checkIndexName } from './check-index-name';
import { inlineImages } from './inline-images';
import type { KnnRequest, KnnResult } from './schemas';
import { selectVectors } from './sql';
import { steerToRating } from './steer-to-rating';
import { toClipMetadata } from './to-clip-metadata';
import { toSearchInput } from './to-search-input';

/** With deduplicate, at most this many candidates per result wanted are read (as Sieve's own search does), and at
 * least DEDUPE_MIN_CANDIDATES: a neighbourhood of look-alikes can hide 40 distinct results in 160 candidates. */
const DEDUPE_FANOUT = 4;
const DEDUPE_MIN_CANDIDATES = 1000;
/**
 * With deduplicate, candidates read per result wanted in the first round, and the margin on each later estimate: each
 * round re-walks the index past what earlier rounds read, so a few rounds that read a little more beat many small
 * ones (on CLIP-like data where two in three neighbours are look-alikes, 3,000 results took nine rounds and 8 s when
 * each round asked for twice the shortfall, three rounds with these estimates).
 */
const DEDUPE_MARGIN = 1.25;

/**
 * The num_result_ids nearest pairs that pass the filters, best first: the first num_images with their metadata, the
 * rest as `{ id, similarity }`. `similarity` is the cosine of the query and the stored vector (the inner product of
 * unit vectors, which is what clip-retrieval's indexes hold).
 */
export async function searchKnn(req: KnnRequest, db: Db = getDb()): Promise<KnnResult[]> {
  const { dataset, plan, scope } = await prepare(req, db);
  if (plan.mode !== 'semantic' || !plan.vector || dataset.dim === null) {
    const why = plan.semantic;
    throw new AppError('unavailable', `Cannot search by meaning: ${why?.reason ?? 'no query vector'}. ${why?.howToEnable ?? ''}`.trim());
  }
  let vector = plan.vector;
  // As clip_back: steered only where LAION published rating embeddings (ViT-B/32, ViT-L/14); ignored elsewhere.
  if (req.aestheticScore !== null && req.aestheticWeight !== null && isLaionDim(dataset.dim)) {
    vector = steerToRating(vector, aestheticRating(dataset.dim, req.aestheticScore), req.aestheticWeight);
  }
  const want = req.numResultIds;
  scope.settingsFor = want;
  const rows = await db.tx((q) => readNearest(q, scope, { column: plan.column, dim: dataset.dim!, vector, want, dedupe: req.deduplicate }), {
    prelude: nearestSettings(want, scope.graphRows),
  });
  const images = await inlineImages(rows.slice(0, req.numImages));
  return rows.map((r, i) => {
    const similarity = r.score ?? 0;
    return i < req.numImages ? { ...toClipMetadata(r, images.get(r.id)), id: r.id, similarity } : { id: r.id, similarity };
  });
}

async function prepare(req: KnnRequest, db: Db): Promise<PreparedSearch> {
  try {
    return await prepareSearch(toSearchInput(req), db);
  } catch (err) {
    if (isAppError(err) && err.code === 'not_found' && req.indiceName !== undefined) await checkIndexName(db, req.indiceName);
    throw err;
  }
}

interface NearestOptions {
  column: EmbeddingColumn;
  dim: number;
  vector: Float32Array;
  want: number;
  dedupe: boolean;
}

/**
 * Without dedupe: the index scan's first `want` rows. With it: candidates are read in rounds until `want` groups of
 * look-alikes (cosine ≥ 0.94 between their stored vectors, the first of each kept) are found or the candidates run
 * out; the filters already ran in the scan, so every group's representative passes them.
 */
async function readNearest(q: Queryable, scope: Scope, o: NearestOptions): Promise<HitRow[]> {
  // The vectors of the candidates come from selectVectors, not with every row the index scan reads.
  const ranked: Scope = { ...scope, vectorColumn: undefined };
  const nearest = (after: CursorKey | null, limit: number) => findNearest(q, ranked, { column: o.column, dim: o.dim, vector: o.vector, after, limit });
  if (!o.dedupe) return nearest(null, o.want);
  const budget = Math.max(o.want * DEDUPE_FANOUT, DEDUPE_MIN_CANDIDATES);
  const folder = foldDuplicates<{ row: HitRow; vector: Float32Array | null }>((c) => c.vector, { stopAt: o.want });
  let read = 0;
  let after: CursorKey | null = null;
  for (let ask = Math.min(budget, Math.ceil(o.want * DEDUPE_MARGIN)); ; ) {
    const rows = await nearest(after, ask);
    const vectors = await selectVectors(q, o.column, rows.map((r) => r.id));
    read += rows.length;
    await folder.add(rows.map((row) => ({ row, vector: vectors.get(row.id) ?? null })));
    const found = folder.groups.length;
    if (found >= o.want || rows.length < ask || read >= budget) return folder.groups.map((g) => g.item.row);
    after = rows[rows.length - 1].key;
    // The groups found per candidate so far predict how many candidates the rest needs; never a trickle.
    const groupsPerCandidate = Math.max(found / read, o.want / budget);
    ask = Math.min(budget - read, Math.max(100, Math.ceil(((o.want - found) / groupsPerCandidate) * DEDUPE_MARGIN)));
  }
}
