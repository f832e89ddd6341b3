// The review queue: open flags oldest first with their pairs (through the hiding rule), counts per reason, and how
// many flags wait for a second reviewer because this one raised them.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { Actor } from '../auth/schemas';
import { resolveDataset } from '../datasets/resolve-dataset';
import { selectHidingLinks } from '../pairs/hiding-sql';
import { fourEyesReasons } from './reasons';
import { ReviewQuery, type ReviewPage } from './schemas';
import { countOwnOpen, countQueue, selectFlagsOfPairs, selectQueue } from './sql';

export async function findReviewQueue(actor: Actor, raw: Partial<ReviewQuery>, q: Queryable = getDb()): Promise<ReviewPage> {
  const f = ReviewQuery.parse(raw);
  const datasetId = f.dataset ? (await resolveDataset(q, { name: f.dataset }))!.id : undefined;
  const fourEyes = [...fourEyesReasons()];
  const filter = { reason: f.reason, datasetId, origin: f.origin, olderThanHours: f.olderThanHours, notOwnBy: actor.id ? { user: actor.id, reasons: fourEyes } : undefined };
  const rows = await selectQueue(q, { ...filter, after: f.after, limit: f.limit + 1 });
  const page = rows.slice(0, f.limit);
  const ids = [...new Set(page.map((r) => r.pair.id))];
  const all = await selectFlagsOfPairs(q, ids);
  const links = await selectHidingLinks(q, ids.filter((id) => page.some((r) => r.pair.id === id && r.pair.hidden)));
  return {
    items: page.map((r) => ({
      ...r,
      flags: all.filter((x) => x.pairId === r.pair.id),
      hiding: { hides: links.filter((l) => l.sourcePairId === r.pair.id), copies: links.filter((l) => l.pairId === r.pair.id) },
    })),
    next: rows.length > f.limit ? page[page.length - 1].flag.id : null,
    counts: await countQueue(q, filter),
    ownWaiting: actor.id ? await countOwnOpen(q, actor.id, fourEyes) : 0,
  };
}
