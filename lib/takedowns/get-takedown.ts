// One request for its page: the request, its items with their match counts, and a sample of each item's matches.
// An item naming a hidden pair's URL, hash or key (typed by the requester before or after it was hidden) is shown
// masked: the page and the evidence bundle must not lead back to it.
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { maskHidden } from '../masking/mask-hidden';
import type { TakedownDetail } from './schemas';
import { countItemMatches, selectItems, selectSamples, selectTakedown, toItem } from './sql';

/** Matches shown per item in the preview grid. */
const SAMPLE = 24;

export async function getTakedown(id: number, q: Queryable = getDb()): Promise<TakedownDetail> {
  const t = await selectTakedown(q, id);
  if (!t) throw new AppError('not_found', `takedown ${id} does not exist`);
  const counts = await countItemMatches(q, id);
  const items = await maskHidden(q, (await selectItems(q, id)).map((i) => toItem(i, counts.get(i.id))));
  return { ...t, items, samples: await selectSamples(q, id, SAMPLE) };
}
