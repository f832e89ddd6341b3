// Resizes an image into a small WebP for grids: EXIF orientation applied, never enlarged, first frame only.
import sharp from 'sharp';
import { AppError } from '../errors/app-error';
import { MAX_INPUT_PIXELS } from './decode-pixels';

/** The grid's card sizes: 256 px for a normal screen, 512 px for a 2× one. */
export const THUMBNAIL_SIZES = [256, 512] as const;
export type ThumbnailSize = (typeof THUMBNAIL_SIZES)[number];

export async function makeThumbnail(input: Buffer | string, size: ThumbnailSize): Promise<Buffer> {
  try {
    return await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
      .rotate()
      .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 74 })
      .toBuffer();
  } catch (err) {
    throw new AppError('unsupported_media_type', `the image could not be decoded for a thumbnail (${err instanceof Error ? err.message : String(err)})`);
  }
}
