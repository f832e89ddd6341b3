// Which files the search API takes as an image query, checked before a byte is sent.
import { MAX_IMAGE_BYTES } from '@/lib/search/schemas';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'] as const;

/** Why a file cannot be a query image, in words for the page; null when it can. */
export function imageFileProblem(file: File): string | null {
  if (!(IMAGE_TYPES as readonly string[]).includes(file.type)) {
    return `“${file.name || 'That file'}” is not a JPEG, PNG, WebP or GIF image.`;
  }
  if (file.size > MAX_IMAGE_BYTES) {
    return `“${file.name || 'That image'}” is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMAGE_BYTES / 1024 / 1024} MB.`;
  }
  return null;
}

/** The first file of a drop, or the first image of a paste (pasted text is left to the page). */
export function fileOf(data: DataTransfer | null, imagesOnly: boolean): File | null {
  for (const file of Array.from(data?.files ?? [])) {
    if (!imagesOnly || file.type.startsWith('image/')) return file;
  }
  return null;
}
