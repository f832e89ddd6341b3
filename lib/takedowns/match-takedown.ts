// Finds what a request's items name, across every dataset, and keeps the matches for the preview and for apply.
// Matching changes no flag; a curator's "not a match" survives a re-match.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import { findImageMatches } from './find-image-matches';
import { DEFAULT_IMAGE_THRESHOLD, MAX_ITEM_MATCHES } from './schemas';
import { replaceItemMatches, selectItemMatches, selectItems, selectTakedown, updateTakedownState, type ItemRow } from './sql';

async function matchItem(db: Db, item: ItemRow): Promise<{ pairId: number; similarity: number | null }[]> {
  if (item.kind === 'image') return findImageMatches(db, item.image_path!, item.threshold ?? DEFAULT_IMAGE_THRESHOLD);
  return (await selectItemMatches(db, item.kind, item.value!, MAX_ITEM_MATCHES)).map((pairId) => ({ pairId, similarity: null }));
}

/** All items, or only `itemId` (after its threshold moved). Returns the matches per item. */
export async function matchTakedown(db: Db, actor: Pick<Actor, 'id' | 'ip'>, id: number, only?: number): Promise<Record<number, number>> {
  const takedown = await selectTakedown(db, id);
  if (!takedown) throw new AppError('not_found', `takedown ${id} does not exist`);
  if (takedown.state === 'closed' || takedown.state === 'rejected') throw new AppError('conflict', `takedown ${id} is ${takedown.state}`);
  const items = (await selectItems(db, id)).filter((i) => only === undefined || i.id === only);
  // Image items embed with CLIP, outside any transaction; the writes then land together.
  const found = await Promise.all(items.map(async (i) => ({ item: i, matches: await matchItem(db, i) })));
  const counts: Record<number, number> = {};
  await db.tx(async (tx) => {
    // The request's row first: on Citus a transaction may not change a table copied to every node (takedowns) after
    // writing shards that reference it (takedown_matches) in parallel.
    if (takedown.state === 'received') await updateTakedownState(tx, id, 'matched');
    for (const { item, matches } of found) {
      await replaceItemMatches(tx, item, matches);
      counts[item.id] = matches.length;
    }
    await recordEvent(tx, { actor: actor.id, action: 'takedown.match', subject: `takedown:${id}`, ip: actor.ip, details: { matches: counts } });
  });
  return counts;
}
