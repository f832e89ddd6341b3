// A pair route answers 404 for a pair that doesn't exist or is hidden, the same words for both: which it is would
// say that a hidden pair exists.
import { AppError } from '../errors/app-error';
import type { Queryable } from '../db/client';

export async function assertShownPair(q: Queryable, id: number): Promise<void> {
  const rows = await q.query('SELECT 1 FROM shown_pairs WHERE id = $1', [id]);
  if (rows.length === 0) throw new AppError('not_found', `pair ${id} does not exist`);
}
