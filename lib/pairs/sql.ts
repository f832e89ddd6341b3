// The one way pairs are read: through the view shown_pairs, which applies the hiding rule, and these column lists.
import { createHash } from 'node:crypto';
import type { Queryable } from '../db/client';
import type { PairDetail, PairSummary } from './schemas';

/**
 * Every read of pairs outside this concept goes through the view shown_pairs (migration 0011): pairs the hiding rule
 * hides (lib/pairs/refresh-hiding) are not in it, so they are never listed, counted, filtered on, ranked or exported,
 * and no query can forget it. Only this concept reads the table itself: to keep the rule, and for the review item.
 */
export const SHOWN_PAIRS = 'shown_pairs';

/** An open or confirmed flag of any reason: the pair is in doubt (blurred, left out of searches by default). */
export const FLAGGED = `EXISTS (SELECT 1 FROM flags f WHERE f.pair_id = p.id AND f.state IN ('open', 'confirmed'))`;

/** The columns of a pair read from `shown_pairs p`: nothing there is hidden. */
export const visibleColumns = `
  p.id, p.dataset_id, p.caption, p.domain, p.width, p.height, p.similarity, p.punsafe, p.pwatermark,
  p.aesthetic, p.license, p.language, p.nsfw, p.hash, p.sample_id, false AS hidden, ${FLAGGED} AS flagged, p.url, p.image_path`;

export const detailColumns = `${visibleColumns}, p.source_file, p.source_row, p.extra,
  p.img_emb IS NOT NULL AS has_img_emb, p.txt_emb IS NOT NULL AS has_txt_emb`;

/**
 * The review item: the one read of `pairs p` (joined with REVIEW_JOIN) that may meet a hidden pair. A reviewer sees
 * its caption, scores and flags, and no other field of it: no URL, domain, local file, LAION hash, sample id, licence,
 * language or NSFW label (a source's values there can lead back to its row).
 */
export const REVIEW_JOIN = 'LEFT JOIN (SELECT DISTINCT pair_id FROM hidden_pairs) hx ON hx.pair_id = p.id';
const unlessHidden = (column: string) => `CASE WHEN hx.pair_id IS NULL THEN p.${column} END AS ${column}`;
export const reviewColumns = `
  p.id, p.dataset_id, p.caption, ${unlessHidden('domain')}, p.width, p.height, p.similarity, p.punsafe, p.pwatermark,
  p.aesthetic, ${unlessHidden('license')}, ${unlessHidden('language')}, ${unlessHidden('nsfw')}, ${unlessHidden('hash')}, ${unlessHidden('sample_id')}, hx.pair_id IS NOT NULL AS hidden,
  ${FLAGGED} AS flagged, ${unlessHidden('url')}, ${unlessHidden('image_path')}`;

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
    id: r.id, datasetId: r.dataset_id, url: r.hidden ? null : r.url, caption: r.caption, domain: r.hidden ? null : r.domain, width: r.width, height: r.height,
    similarity: r.similarity, punsafe: r.punsafe, pwatermark: r.pwatermark, aesthetic: r.aesthetic, license: r.hidden ? null : r.license,
    language: r.hidden ? null : r.language, nsfw: r.hidden ? null : r.nsfw, hash: r.hidden ? null : r.hash, sampleId: r.hidden ? null : r.sample_id, hidden: r.hidden, flagged: r.flagged,
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
