// An image a request names, kept as evidence under the data folder (never served publicly): uploaded or fetched.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { dataHome } from '../db/config';
import { checkImageBytes } from '../images/check-image-bytes';
import { fetchImageUrl } from '../images/fetch-image-url';
import { MAX_IMAGE_BYTES } from '../search/schemas';

const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif' };

/** Reads the item's image (an upload by field name, or a URL through the SSRF-guarded fetcher) and writes it to disk. */
export async function storeItemImage(takedownId: number, n: number, item: { upload?: string; imageUrl?: string }, files: Record<string, Uint8Array>): Promise<string> {
  let bytes: Uint8Array;
  if (item.upload) {
    const upload = files[item.upload];
    if (!upload) throw new AppError('bad_request', `items: no uploaded file named "${item.upload}"`);
    bytes = upload;
  } else if (item.imageUrl) {
    bytes = (await fetchImageUrl(item.imageUrl, { maxBytes: MAX_IMAGE_BYTES })).bytes;
  } else {
    throw new AppError('bad_request', 'items: an image item needs an uploaded file or an imageUrl');
  }
  const type = checkImageBytes(bytes, { maxBytes: MAX_IMAGE_BYTES, what: 'the image' });
  const file = path.join(dataHome(), 'takedowns', String(takedownId), `item-${n}.${EXT[type]}`);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, bytes);
  return file;
}
