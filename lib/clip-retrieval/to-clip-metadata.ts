// A pair as clip-retrieval's clients read it: LAION's column names, and only the columns the pair has.
import type { PairRow } from '../pairs/sql';
import type { ClipMetadata } from './schemas';

/**
 * `NSFW` is LAION's own tag column (UNLIKELY, UNSURE, NSFW). LAION's `similarity` column is left out: the answer's
 * `similarity` is the query's. The caller never passes a hidden pair: its URL is gone and it is not to appear at all.
 */
export function toClipMetadata(r: PairRow, image?: string): ClipMetadata {
  const all: ClipMetadata = {
    url: r.url ?? undefined,
    caption: r.caption ?? undefined,
    NSFW: r.nsfw ?? undefined,
    width: r.width ?? undefined,
    height: r.height ?? undefined,
    punsafe: r.punsafe ?? undefined,
    pwatermark: r.pwatermark ?? undefined,
    aesthetic: r.aesthetic ?? undefined,
    language: r.language ?? undefined,
    license: r.license ?? undefined,
    hash: r.hash ?? undefined,
    sample_id: r.sample_id ?? undefined,
    image,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as ClipMetadata;
}
