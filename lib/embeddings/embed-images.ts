// Encodes images (bytes or local file paths) with the CLIP vision tower into L2-normalised vectors.
import { readFile } from 'node:fs/promises';
import type { RawImage } from '@huggingface/transformers';
import { AppError } from '@/lib/errors/app-error';
import { decodePixels } from '../images/decode-pixels';
import { loadClip } from './load-clip';
import { normaliseEmbeddings } from './normalise-embeddings';
import { MAX_IMAGES_PER_CALL } from './schemas';

/** Encoded image bytes (JPEG, PNG, WebP, GIF, TIFF, AVIF: whatever sharp decodes) or a path on this machine. */
export type ImageInput = Buffer | Uint8Array | string;

export interface EmbedImagesOptions {
  /** Images decoded and encoded together; each decoded original is held in memory until its batch is done. */
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 16;
// A string with a scheme is a URL: fetching it would be a server-side request to wherever a caption row points.
const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * One unit vector per image, in order. An image that cannot be read rejects the whole call with its index in
 * `details.index`: 'unsupported_media_type' for bytes that are no image, 'not_found' for a missing file.
 */
export async function embedImages(inputs: ImageInput[], opts: EmbedImagesOptions = {}): Promise<Float32Array[]> {
  validate(inputs, opts);
  if (inputs.length === 0) return [];

  const { processor, model } = await loadClip('vision');
  const batchSize = opts.batchSize ?? DEFAULT_BATCH_SIZE;
  const vectors: Float32Array[] = [];
  for (let start = 0; start < inputs.length; start += batchSize) {
    const batch = inputs.slice(start, start + batchSize);
    const images = await Promise.all(batch.map((input, i) => decodeImage(input, start + i)));
    const { pixel_values } = await processor(images);
    const { image_embeds } = await model({ pixel_values });
    vectors.push(...normaliseEmbeddings(image_embeds));
  }
  return vectors;
}

function validate(inputs: ImageInput[], opts: EmbedImagesOptions): void {
  if (!Array.isArray(inputs)) throw new AppError('bad_request', 'embedImages needs an array of images');
  if (inputs.length > MAX_IMAGES_PER_CALL) {
    throw new AppError('payload_too_large', `embedImages takes at most ${MAX_IMAGES_PER_CALL} images per call, got ${inputs.length}`);
  }
  const size = opts.batchSize;
  if (size !== undefined && (!Number.isInteger(size) || size < 1 || size > 256)) {
    throw new AppError('bad_request', `batchSize must be an integer in 1..256, got ${size}`);
  }
  inputs.forEach((input, index) => {
    if (typeof input === 'string' ? URL_LIKE.test(input) : !(input instanceof Uint8Array)) {
      throw new AppError('bad_request', 'each image must be bytes or a local file path (URLs are not fetched here)', { index });
    }
  });
}

async function decodeImage(input: ImageInput, index: number): Promise<RawImage> {
  let bytes: Uint8Array;
  try {
    bytes = typeof input === 'string' ? await readFile(input) : input;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') throw new AppError('not_found', `image file not found: ${input}`, { index });
    throw error;
  }
  // The declared size is checked before a pixel is decoded; the AppError says why (too large, not an image).
  const pixels = await decodePixels(bytes, { what: `image ${index}`, details: { index } });
  const { RawImage: Image } = await import('@huggingface/transformers');
  const image = new Image(new Uint8ClampedArray(pixels.data.buffer, pixels.data.byteOffset, pixels.data.length), pixels.width, pixels.height, pixels.channels);
  // As Transformers.js's own decoder does: a grey file stays grey, the processor then makes it RGB.
  return pixels.fileChannels !== undefined && pixels.fileChannels !== pixels.channels ? image.convert(pixels.fileChannels) : image;
}
