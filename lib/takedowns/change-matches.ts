// The preview's edits: drop a false match (or take it back), or move an image item's threshold and match again.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import { matchTakedown } from './match-takedown';
import { MatchChangeInput } from './schemas';
import { selectItems, setExcluded, updateItemThreshold } from './sql';

export async function changeMatches(db: Db, actor: Actor, takedownId: number, raw: unknown): Promise<{ changed: number }> {
  const c = MatchChangeInput.parse(raw);
  const item = (await selectItems(db, takedownId)).find((i) => i.id === c.itemId);
  if (!item) throw new AppError('not_found', `takedown ${takedownId} has no item ${c.itemId}`);
  if (c.threshold !== undefined) {
    if (item.kind !== 'image') throw new AppError('bad_request', 'only an image item has a threshold');
    await updateItemThreshold(db, item.id, c.threshold);
    const counts = await matchTakedown(db, actor, takedownId, item.id);
    return { changed: counts[item.id] ?? 0 };
  }
  if (c.excluded === undefined) throw new AppError('bad_request', 'give excluded (with pairId, or for the whole item) or threshold');
  return db.tx(async (tx) => {
    const changed = await setExcluded(tx, takedownId, { itemId: item.id, pairId: c.pairId, excluded: c.excluded! });
    await recordEvent(tx, {
      actor: actor.id, action: c.excluded ? 'takedown.exclude' : 'takedown.include', subject: `takedown:${takedownId}`, ip: actor.ip,
      details: { itemId: item.id, ...(c.pairId ? { pairId: c.pairId } : {}), changed },
    });
    return { changed };
  });
}
