// The one way pairs are read: every query selects through visibleColumns, which applies the hiding rule.
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/client';
import type { PairDetail, PairSummary } from './schemas';

/**
 * A pair with an open or confirmed csam_suspected flag keeps its row (for the audit trail) but loses its URL and
 * image for every reader: no page or API can forget this, since all read here. Another pair with the same URL is
 * the same image, so it is hidden too, even before anyone flags it: the flags concept keeps those URLs in
 * hidden_urls (refreshHiddenUrls), which also hides a pair ingested later with a URL already known.
 */
const CSAM = `f.reason = 'csam_suspected' AND f.state IN ('open', 'confirmed')`;
const HIDDEN = `(EXISTS (SELECT 1 FROM flags f WHERE f.pair_id = p.id AND ${CSAM})
  OR EXISTS (SELECT 1 FROM hidden_urls h WHERE h.url = p.url))`;

/**
 * Not hidden, for an aggregate over a whole dataset (its top domains): HIDDEN's opposite written as two NOT EXISTS at
 * the top of a WHERE, which the planner runs as anti-joins (NOT of an OR would be two subqueries per row).
 */
export const SHOWN = `NOT EXISTS (SELECT 1 FROM flags f WHERE f.pair_id = p.id AND ${CSAM})
  AND NOT EXISTS (SELECT 1 FROM hidden_urls h WHERE h.url = p.url)`;

/** An open or confirmed flag of any reason: the pair is in doubt (blurred, left out of searches by default). */
export const FLAGGED = `EXISTS (SELECT 1 FROM flags f WHERE f.pair_id = p.id AND f.state IN ('open', 'confirmed'))`;

export const visibleColumns = `
  p.id, p.dataset_id, p.caption, CASE WHEN ${HIDDEN} THEN NULL ELSE p.domain END AS domain, p.width, p.height, p.similarity, p.punsafe, p.pwatermark,
  p.aesthetic, p.license, p.language, p.nsfw, p.hash, p.sample_id, ${HIDDEN} AS hidden, ${FLAGGED} AS flagged,
  CASE WHEN ${HIDDEN} THEN NULL ELSE p.url END AS url,
  CASE WHEN ${HIDDEN} THEN NULL ELSE p.image_path END AS image_path`;

export const detailColumns = `${visibleColumns}, p.source_file, p.source_row, p.extra,
  p.img_emb IS NOT NULL AS has_img_emb, p.txt_emb IS NOT NULL AS has_txt_emb`;

export interface PairRow {
  id: number; dataset_id: number; url: string | null; caption: string | null; domain: string | null;
  width: number | null; height: number | null; similarity: number | null; punsafe: number | null;
  pwatermark: number | null; aesthetic: number | null; license: string | null; language: string | null;
  nsfw: string | null; hash: string | null; sample_id: string | null; image_path: string | null; hidden: boolean; flagged: boolean;
}

export interface PairDetailRow extends PairRow {
  source_file: string; source_row: number; extra: Record<string, unknown> | null; has_img_emb: boolean; has_txt_emb: boolean;
}

// Short and stable: changes when a pair's image is re-ingested from elsewhere, so the cached thumbnail URL does too.
const imageVersion = (imagePath: string) => createHash('sha1').update(imagePath).digest('hex').slice(0, 10);

// A scraped URL is shown as an image only when it is one: a `javascript:`, `data:` or `vbscript:` URL stays text.
const WEB_URL = /^https?:\/\//i;
const remoteImage = (url: string | null) => (url && WEB_URL.test(url) ? url : null);

export function toPairSummary(r: PairRow): PairSummary {
  return {
    id: r.id, datasetId: r.dataset_id, url: r.url, caption: r.caption, domain: r.domain, width: r.width, height: r.height,
    similarity: r.similarity, punsafe: r.punsafe, pwatermark: r.pwatermark, aesthetic: r.aesthetic, license: r.license,
    language: r.language, nsfw: r.nsfw, hash: r.hash, sampleId: r.sample_id, hidden: r.hidden, flagged: r.flagged,
    imageSrc: r.hidden ? null : r.image_path ? `/api/pairs/${r.id}/image` : remoteImage(r.url),
    thumbSrc: r.hidden ? null : r.image_path ? `/api/pairs/${r.id}/thumbnail?v=${imageVersion(r.image_path)}` : remoteImage(r.url),
  };
}

export function toPairDetail(r: PairDetailRow): PairDetail {
  return {
    ...toPairSummary(r), sourceFile: r.source_file, sourceRow: r.source_row, extra: r.extra,
    hasImageEmbedding: r.has_img_emb, hasTextEmbedding: r.has_txt_emb,
  };
}

/** Forgets the local image of pairs whose files were deleted (purge-media). */
export async function clearImagePaths(q: Queryable, ids: number[]): Promise<number> {
  return (await q.query('UPDATE pairs SET image_path = NULL WHERE id = ANY($1::bigint[]) AND image_path IS NOT NULL RETURNING 1', [ids])).length;
}
