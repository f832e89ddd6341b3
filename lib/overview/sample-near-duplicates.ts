// Near-duplicate images in a dataset (image-embedding cosine ≥ DUPLICATE_COSINE, as search's dedupe and the pair
// page count them): every pair of a small dataset, or an even spread of pairs over a big one, each compared with its
// nearest neighbours through the dataset's HNSW index; groups are what those comparisons link together.
import type { Db } from '../db/client';
import { getDb } from '../db/get-db';
import { parseVectorText } from '../db/pgvector';
import { SqlParams } from '../db/sql-params';
import { DUPLICATE_COSINE } from '../search/schemas';
import { findNearest } from '../search/sql';
import type { NearDuplicateStats } from './overview-schemas';
import { resolveDataset } from '../datasets/resolve-dataset';
import { selectIdRange, selectImageVectors } from './sql';
import { vectorIndexName } from '../datasets/vector-index';

/** Pairs compared at most, one HNSW look-up each: about 2 s for all of them at a million rows (bench/overview-run.ts). */
export const NEAR_DUPLICATE_SAMPLE = 400;
/** Neighbours read per compared pair: a bigger group is counted as this big plus the pair. */
export const NEIGHBOURS_READ = 16;
/**
 * hnsw.ef_search for these look-ups. A near-duplicate is among a pair's very nearest neighbours, which a short
 * candidate list finds; search's own setting grows to 1,000 at a million rows to get the whole top k right, which
 * would make each look-up many times slower here for nothing.
 */
export const NEAR_DUPLICATE_EF = 64;
/** Groups listed, biggest first, each linking to a pair whose page shows it. */
export const LISTED_GROUPS = 12;

/** The ids probed: every id of a range no longer than `size`, else `size` ids spread evenly over it. */
export function sampleIds(min: number, max: number, size: number): number[] {
  const span = max - min + 1;
  if (span <= size) return Array.from({ length: span }, (_, i) => min + i);
  return Array.from({ length: size }, (_, i) => min + Math.floor((i * span) / size));
}

export async function sampleNearDuplicates(name: string, db: Db = getDb(), opts: { sample?: number } = {}): Promise<NearDuplicateStats> {
  const started = performance.now();
  const size = opts.sample ?? NEAR_DUPLICATE_SAMPLE;
  const stats = await db.tx(async (q): Promise<Omit<NearDuplicateStats, 'tookMs'>> => {
    const dataset = (await resolveDataset(q, { name }))!;
    const none = (reason: string) => ({ cosine: DUPLICATE_COSINE, exhaustive: false, sampled: 0, population: 0, sampledWithDuplicates: 0, estimatedPairs: 0, estimatedGroups: 0, groups: [], reason });
    const range = await selectIdRange(q, dataset.id);
    if (dataset.dim === null || range.min === null || range.max === null) return none(`Dataset "${name}" has no image embeddings to compare.`);
    const probed = sampleIds(range.min, range.max, size);
    const exhaustive = probed.length === range.max - range.min + 1;
    // Without its index each look-up would scan the dataset: fine for a handful of pairs, not for a sample of many.
    if (!exhaustive && !dataset.vectorIndexes?.includes(vectorIndexName('img_emb', dataset.id))) {
      return none(`The image embeddings of dataset "${name}" are not indexed yet; the index is built when the running ingest or embedding finishes.`);
    }
    const sample = await selectImageVectors(q, dataset.id, probed);
    if (sample.length === 0) return none(`Dataset "${name}" has no image embeddings to compare.`);
    await q.query(`SET LOCAL hnsw.ef_search = ${NEAR_DUPLICATE_EF}; SET LOCAL hnsw.iterative_scan = strict_order`);
    const links = new Map<number, number[]>();
    for (const s of sample) {
      const params = new SqlParams();
      const scope = { datasetId: dataset.id, where: [`p.id <> ${params.add(s.id)}::bigint`], params, settingsFor: NEIGHBOURS_READ };
      const near = await findNearest(q, scope, { column: 'img_emb', dim: dataset.dim, vector: parseVectorText(s.img_emb)!, after: null, limit: NEIGHBOURS_READ });
      links.set(s.id, near.filter((r) => r.score! >= DUPLICATE_COSINE).map((r) => r.id));
    }
    // Found over the probes: the share of probed ids that are pairs with an image embedding, times the id range.
    const population = exhaustive ? sample.length : Math.round((sample.length / probed.length) * (range.max - range.min + 1));
    return { cosine: DUPLICATE_COSINE, exhaustive, population, reason: null, ...summarise(links, exhaustive, population) };
  });
  return { ...stats, tookMs: Math.round(performance.now() - started) };
}

/** Groups = connected pairs; over a sample, each pair with d near-duplicates stands for 1/(d+1) of a group. */
function summarise(links: Map<number, number[]>, exhaustive: boolean, population: number) {
  const groups = connectedGroups(links);
  const withDuplicates = [...links.values()].filter((n) => n.length > 0);
  const scale = population / links.size;
  return {
    sampled: links.size,
    sampledWithDuplicates: withDuplicates.length,
    estimatedPairs: exhaustive ? groups.reduce((n, g) => n + g.size, 0) : Math.round(withDuplicates.length * scale),
    estimatedGroups: exhaustive ? groups.length : Math.round(withDuplicates.reduce((n, d) => n + 1 / (d.length + 1), 0) * scale),
    groups: groups.slice(0, LISTED_GROUPS),
  };
}

/** Union–find over the links; each group named by its smallest pair id, biggest groups first. */
function connectedGroups(links: Map<number, number[]>): { pairId: number; size: number }[] {
  const parent = new Map<number, number>();
  const root = (x: number): number => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const [id, near] of links) {
    for (const other of near) {
      const [a, b] = [root(id), root(other)];
      if (a !== b) parent.set(Math.max(a, b), Math.min(a, b));
    }
  }
  const sizes = new Map<number, number>();
  for (const id of parent.keys()) sizes.set(root(id), (sizes.get(root(id)) ?? 0) + 1);
  return [...sizes].map(([pairId, size]) => ({ pairId, size })).sort((a, b) => b.size - a.size || a.pairId - b.pairId);
}
