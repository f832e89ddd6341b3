// Forgets the local images of pairs whose files were deleted: the pairs concept owns image_path.
import type { Queryable } from '../db/client';
import { clearImagePaths } from './sql';

export function forgetLocalImages(tx: Queryable, ids: number[]): Promise<number> {
  return clearImagePaths(tx, ids);
}
