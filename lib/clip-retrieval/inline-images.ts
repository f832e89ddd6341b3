// clip_back's `image` column: a picture for the pairs Sieve holds only as a local file, which clip-front shows when a
// result has no `url`.
import type { PairRow } from '../pairs/sql';
import { readThumbnail } from '../pairs/read-thumbnail';

/** Thumbnails made at once: sharp already uses every core for one. */
const CONCURRENCY = 4;
/** Pictures per answer: a page of clip-front asks for 40; a request for thousands gets them for the first 200. */
export const MAX_INLINE_IMAGES = 200;

/**
 * Base64 of the 256-px WebP thumbnail (clip_back sends a full-size JPEG; browsers go by the bytes, not the data URL's
 * type), by pair id, for the first MAX_INLINE_IMAGES visible pairs (in the given order) with a local image and no URL.
 * A missing or undecodable file gets none.
 */
export async function inlineImages(rows: PairRow[]): Promise<Map<number, string>> {
  const todo = rows.filter((r) => !r.hidden && r.url === null && r.image_path !== null).slice(0, MAX_INLINE_IMAGES);
  const images = new Map<number, string>();
  for (let i = 0; i < todo.length; i += CONCURRENCY) {
    await Promise.all(
      todo.slice(i, i + CONCURRENCY).map(async (r) => {
        const thumb = await readThumbnail(r.image_path!, 256).catch(() => null);
        if (thumb) images.set(r.id, thumb.bytes.toString('base64'));
      }),
    );
  }
  return images;
}
