// The one gate any image bytes from outside pass before Sieve keeps or serves them: size first, then content.
import { AppError } from '../errors/app-error';
import { formatMegabytes } from './format-megabytes';
import { sniffImageType, type ImageType } from './sniff-image-type';

export function checkImageBytes(bytes: Uint8Array, opts: { maxBytes: number; what: string }): ImageType {
  if (bytes.length > opts.maxBytes) {
    throw new AppError('payload_too_large', `${opts.what} is larger than ${formatMegabytes(opts.maxBytes)} MB`, {
      maxBytes: opts.maxBytes,
    });
  }
  const type = sniffImageType(bytes);
  if (!type) throw new AppError('unsupported_media_type', `${opts.what} is not a JPEG, PNG, WebP or GIF image`);
  return type;
}

