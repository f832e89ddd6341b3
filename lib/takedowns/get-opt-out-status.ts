// What a tracking link shows: the request's state and how many pairs it took out; never a picture or a URL.
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { OptOutStatus } from './schemas';
import { countAppliedFlags, selectByTokenHash } from './sql';
import { tokenHashOf } from './submit-opt-out';

export async function getOptOutStatus(token: string, q: Queryable = getDb()): Promise<OptOutStatus> {
  const t = await selectByTokenHash(q, tokenHashOf(token));
  // The same answer for a wrong token and a missing one: links can't be probed.
  if (!t) throw new AppError('not_found', 'No request has this tracking link.');
  return { received: t.created_at.toISOString().slice(0, 10), state: t.state, closedAt: t.closed_at?.toISOString() ?? null, removed: await countAppliedFlags(q, t.id) };
}
