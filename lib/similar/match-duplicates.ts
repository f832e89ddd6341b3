// A pair's duplicate group within its dataset: the same URL, the same LAION hash, or an image cosine of at least
// DUPLICATE_COSINE, each member with the kinds that matched it; shared by the pair page and flagging a group.
import { AppError } from '../errors/app-error';
import type { Queryable } from '../db/client';
import { parseVectorText } from '../db/pgvector';
import { SqlParams } from '../db/sql-params';
import type { DatasetRecord } from '../datasets/schemas';
import { resolveDataset } from '../datasets/resolve-dataset';
import { DUPLICATE_COSINE } from '../search/schemas';
import { findNearest, getPairVectors, type PairVectors } from '../search/sql';
import { findExactDuplicates } from './duplicates-sql';
import { explainUnsearchablePair } from './explain-unsearchable-pair';
import { DUPLICATE_GROUP_CAP, DUPLICATE_KINDS, type DuplicateKind } from './neighbour-schemas';
import type { PairRow } from '../pairs/sql';

/** Near-duplicates are few for almost every pair: a small window first, grown only while all of it is duplicates. */
const FIRST_WINDOW = 16;
const GROWTH = 4;

export interface DuplicateMatch {
  id: number;
  matchedBy: DuplicateKind[];
  cosine: number | null;
  /** Already read (through visibleColumns) by the image search; URL and hash matches are read by the caller. */
  row?: PairRow;
}

export interface DuplicateMatches {
  datasetId: number;
  /** URL or hash matches first, then look-alike images, each most similar first; at most DUPLICATE_GROUP_CAP, the pair itself left out. */
  matches: DuplicateMatch[];
  truncated: boolean;
  imageReason: string | null;
}

/** `q` must be a transaction: the image search's settings are SET LOCAL. */
export async function matchDuplicates(q: Queryable, id: number): Promise<DuplicateMatches> {
  const pair = await getPairVectors(q, id);
  if (!pair) throw new AppError('not_found', `pair ${id} does not exist`);
  const dataset = (await resolveDataset(q, { id: pair.dataset_id }))!;
  const imageReason = await explainUnsearchablePair(q, pair, dataset, 'image');
  const byId = new Map<number, DuplicateMatch>();
  for (const r of imageReason ? [] : await findNearImages(q, pair, dataset)) byId.set(r.id, { id: r.id, matchedBy: ['image'], cosine: r.score, row: r });
  // One more than the cap on each side tells a full group from a truncated one.
  for (const e of await findExactDuplicates(q, id, DUPLICATE_GROUP_CAP + 1)) {
    const m = byId.get(e.id) ?? { id: e.id, matchedBy: [], cosine: null };
    const kinds = new Set<DuplicateKind>([...m.matchedBy, ...(e.by_url ? ['url' as const] : []), ...(e.by_hash ? ['hash' as const] : [])]);
    byId.set(e.id, { ...m, matchedBy: DUPLICATE_KINDS.filter((k) => kinds.has(k)) });
  }
  // A shared URL or hash is surer than a look-alike image: exact matches come first, and so survive the cap.
  const exact = (m: DuplicateMatch) => (m.matchedBy.some((k) => k !== 'image') ? 1 : 0);
  const all = [...byId.values()].sort((a, b) => exact(b) - exact(a) || (b.cosine ?? -Infinity) - (a.cosine ?? -Infinity) || a.id - b.id);
  return { datasetId: dataset.id, matches: all.slice(0, DUPLICATE_GROUP_CAP), truncated: all.length > DUPLICATE_GROUP_CAP, imageReason };
}

async function findNearImages(q: Queryable, pair: PairVectors, dataset: DatasetRecord) {
  const params = new SqlParams();
  const scope = { datasetId: dataset.id, where: [`p.id <> ${params.add(pair.id)}::bigint`], params, graphRows: dataset.rows };
  const vector = parseVectorText(pair.img_emb)!;
  for (let window = FIRST_WINDOW; ; window = Math.min(window * GROWTH, DUPLICATE_GROUP_CAP + 1)) {
    const rows = await findNearest(q, scope, { column: 'img_emb', dim: dataset.dim!, vector, after: null, limit: window });
    const near = rows.filter((r) => r.score! >= DUPLICATE_COSINE);
    if (near.length < rows.length || rows.length < window || window > DUPLICATE_GROUP_CAP) return near;
  }
}
