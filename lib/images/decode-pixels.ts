// Decodes image bytes to raw pixels for a model, with the size the header declares checked before any pixel is
// decoded: a few kilobytes of PNG can declare 16,000 × 16,000 pixels, a gigabyte once decoded.
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../errors/app-error';

/** Megapixels of a 100-megapixel camera: more than any LAION image, far less than a decompression bomb. */
export const MAX_INPUT_PIXELS = 100_000_000;

/**
 * Above this shortest side the image is shrunk while it decodes (JPEG shrink-on-load): CLIP reads 224 pixels, and a
 * 12,000 × 8,000 photo would otherwise take 288 MB of raw pixels per request. Smaller images decode unchanged.
 */
export const SHRINK_ABOVE = 1024;

export interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
  /** The channels the file itself has (a grey JPEG has 1 while its raw decode may have 3). */
  fileChannels: number | undefined;
}

/** Throws payload_too_large for a declared size over the limit, unsupported_media_type for what can't be decoded. */
export async function decodePixels(bytes: Uint8Array, o: { what: string; details?: Record<string, unknown> } = { what: 'the image' }): Promise<Pixels> {
  const { what, details } = o;
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (err) {
    throw new AppError('unsupported_media_type', `${what} could not be decoded`, { ...details, cause: err instanceof Error ? err.message : String(err) });
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width * height > MAX_INPUT_PIXELS) {
    throw new AppError('payload_too_large', `${what} declares ${width.toLocaleString('en-US')} × ${height.toLocaleString('en-US')} pixels; at most ${MAX_INPUT_PIXELS / 1e6} megapixels are decoded`, {
      ...details, width, height, maxPixels: MAX_INPUT_PIXELS,
    });
  }
  try {
    let img = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, animated: false }).rotate();
    if (Math.min(width, height) > SHRINK_ABOVE) img = img.resize({ width: SHRINK_ABOVE, height: SHRINK_ABOVE, fit: 'outside', withoutEnlargement: true });
    const { data, info } = await img.raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels, fileChannels: meta.channels };
  } catch (err) {
    throw new AppError('unsupported_media_type', `${what} could not be decoded`, { ...details, cause: err instanceof Error ? err.message : String(err) });
  }
}
