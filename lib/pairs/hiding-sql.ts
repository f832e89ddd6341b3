// The hiding rule's tables (hidden_pairs, hidden_urls), written only here. A pair is hidden while a source pair (one
// with an open or confirmed csam_suspected flag) hides it: as itself, by a shared URL, or as a look-alike image.
import type { Queryable } from '../db/client';

export const CSAM_FLAG = `reason = 'csam_suspected' AND state IN ('open', 'confirmed')`;

export type HidingCause = 'flag' | 'url' | 'lookalike';

/** Which of these pairs are sources now: they carry an open or confirmed csam_suspected flag. */
export async function selectSources(q: Queryable, pairIds: number[]): Promise<number[]> {
  const rows = await q.query<{ pair_id: number }>(`SELECT DISTINCT pair_id FROM flags WHERE pair_id = ANY($1::bigint[]) AND ${CSAM_FLAG}`, [pairIds]);
  return rows.map((r) => r.pair_id);
}

/** Which of these sources already hide what they hide (their own row is there). */
export async function selectKnownSources(q: Queryable, sources: number[]): Promise<Set<number>> {
  const rows = await q.query<{ pair_id: number }>(
    `SELECT pair_id FROM hidden_pairs WHERE pair_id = ANY($1::bigint[]) AND source_pair_id = pair_id`,
    [sources],
  );
  return new Set(rows.map((r) => r.pair_id));
}

/** Forgets everything these pairs hid as sources; returns the pairs that lost a reason to be hidden. */
export async function deleteBySources(q: Queryable, sources: number[]): Promise<number[]> {
  if (sources.length === 0) return [];
  await q.query('DELETE FROM hidden_urls WHERE source_pair_id = ANY($1::bigint[])', [sources]);
  const rows = await q.query<{ pair_id: number }>('DELETE FROM hidden_pairs WHERE source_pair_id = ANY($1::bigint[]) RETURNING pair_id', [sources]);
  return [...new Set(rows.map((r) => r.pair_id))];
}

/** Each source hides itself, and its URL from now on (for pairs ingested later too). */
export async function insertSources(q: Queryable, sources: number[]): Promise<void> {
  await q.query(
    `INSERT INTO hidden_pairs (pair_id, source_pair_id, cause) SELECT s, s, 'flag' FROM unnest($1::bigint[]) AS s ON CONFLICT DO NOTHING`,
    [sources],
  );
  const urls = await q.query<{ id: number; url: string }>('SELECT id, url FROM pairs WHERE id = ANY($1::bigint[]) AND url IS NOT NULL', [sources]);
  if (urls.length === 0) return;
  await q.query(
    `INSERT INTO hidden_urls (url, source_pair_id) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT DO NOTHING`,
    [urls.map((u) => u.url), urls.map((u) => u.id)],
  );
}

/**
 * Every pair, in any dataset, whose URL a source hides (hidden_urls), optionally only these sources' URLs or only
 * pairs of one ingested shard. A sharded pairs table joins the reference table on each shard.
 */
export async function insertUrlTwins(q: Queryable, by: { sources?: number[]; shard?: { datasetId: number; sourceId: string } }): Promise<number[]> {
  const where = by.sources ? 'u.source_pair_id = ANY($1::bigint[])' : 'p.dataset_id = $1 AND p.source_id = $2';
  const params = by.sources ? [by.sources] : [by.shard!.datasetId, by.shard!.sourceId];
  const rows = await q.query<{ pair_id: number }>(
    `INSERT INTO hidden_pairs (pair_id, source_pair_id, cause)
     SELECT p.id, u.source_pair_id, 'url' FROM pairs p JOIN hidden_urls u ON u.url = p.url WHERE ${where}
     ON CONFLICT DO NOTHING RETURNING pair_id`,
    params,
  );
  return rows.map((r) => r.pair_id);
}

export async function insertLookalikes(q: Queryable, rows: { pairId: number; sourceId: number; cosine: number }[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const made = await q.query<{ pair_id: number }>(
    `INSERT INTO hidden_pairs (pair_id, source_pair_id, cause, cosine)
     SELECT p, s, 'lookalike', c FROM unnest($1::bigint[], $2::bigint[], $3::real[]) AS t(p, s, c)
     ON CONFLICT DO NOTHING RETURNING pair_id`,
    [rows.map((r) => r.pairId), rows.map((r) => r.sourceId), rows.map((r) => r.cosine)],
  );
  return made.map((r) => r.pair_id);
}

/** The image vectors a look-alike is compared with: each source's own and its URL twins', with their dataset's model. */
export interface HiddenVector {
  pairId: number;
  sourceId: number;
  datasetId: number;
  model: string;
  dim: number;
  vector: string;
}

export async function selectHiddenVectors(q: Queryable, by: { sources?: number[]; pairIds?: number[]; model?: string; dim?: number }): Promise<HiddenVector[]> {
  const rows = await q.query<{ pair_id: number; source_pair_id: number; dataset_id: number; model: string; dim: number; v: string }>(
    `SELECT h.pair_id, h.source_pair_id, p.dataset_id, d.model, d.dim, p.img_emb::text AS v
       FROM hidden_pairs h JOIN pairs p ON p.id = h.pair_id JOIN datasets d ON d.id = p.dataset_id
      WHERE h.cause IN ('flag', 'url') AND p.img_emb IS NOT NULL
        AND ($1::bigint[] IS NULL OR h.source_pair_id = ANY($1::bigint[]))
        AND ($2::text IS NULL OR (d.model = $2 AND d.dim = $3))
        AND ($4::bigint[] IS NULL OR h.pair_id = ANY($4::bigint[]))
      ORDER BY h.source_pair_id, h.pair_id`,
    [by.sources ?? null, by.model ?? null, by.dim ?? null, by.pairIds ?? null],
  );
  return rows.map((r) => ({ pairId: r.pair_id, sourceId: r.source_pair_id, datasetId: r.dataset_id, model: r.model, dim: r.dim, vector: r.v }));
}

/** Datasets whose image vectors a look-alike may sit among: the same model and dimension. */
export async function selectDatasetsOfModel(q: Queryable, model: string, dim: number): Promise<number[]> {
  return (await q.query<{ id: number }>('SELECT id FROM datasets WHERE model = $1 AND dim = $2 ORDER BY id', [model, dim])).map((r) => r.id);
}

/** Of these pairs, the ones still hidden (by any source). */
export async function selectStillHidden(q: Queryable, pairIds: number[]): Promise<Set<number>> {
  if (pairIds.length === 0) return new Set();
  const rows = await q.query<{ pair_id: number }>('SELECT DISTINCT pair_id FROM hidden_pairs WHERE pair_id = ANY($1::bigint[])', [pairIds]);
  return new Set(rows.map((r) => r.pair_id));
}

/** Every source now, for a full recomputation (the 'hiding' job a migration queues). */
export async function selectAllSources(q: Queryable): Promise<number[]> {
  return (await q.query<{ pair_id: number }>(`SELECT DISTINCT pair_id FROM flags WHERE ${CSAM_FLAG} ORDER BY pair_id`)).map((r) => r.pair_id);
}

/** How many of a dataset's pairs the rule hides: the one figure about them a total may give. */
export async function countHiddenPairs(q: Queryable, datasetId: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(
    'SELECT count(DISTINCT h.pair_id)::int AS n FROM hidden_pairs h JOIN pairs p ON p.id = h.pair_id WHERE p.dataset_id = $1',
    [datasetId],
  );
  return row.n;
}

/** What a reviewer reads of the rule around these pairs: what each hides as a source, and what hides each. */
export interface HidingLink {
  pairId: number;
  sourcePairId: number;
  cause: HidingCause;
  cosine: number | null;
  dataset: string;
}

export async function selectHidingLinks(q: Queryable, pairIds: number[]): Promise<HidingLink[]> {
  if (pairIds.length === 0) return [];
  const rows = await q.query<{ pair_id: number; source_pair_id: number; cause: HidingCause; cosine: number | null; dataset: string }>(
    `SELECT h.pair_id, h.source_pair_id, h.cause, h.cosine, d.name AS dataset
       FROM hidden_pairs h JOIN pairs p ON p.id = h.pair_id JOIN datasets d ON d.id = p.dataset_id
      WHERE h.pair_id <> h.source_pair_id AND (h.source_pair_id = ANY($1::bigint[]) OR h.pair_id = ANY($1::bigint[]))
      ORDER BY h.source_pair_id, h.cause, h.pair_id LIMIT 1000`,
    [pairIds],
  );
  return rows.map((r) => ({ pairId: r.pair_id, sourcePairId: r.source_pair_id, cause: r.cause, cosine: r.cosine, dataset: r.dataset }));
}
