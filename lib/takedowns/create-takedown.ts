// Records a takedown request with its items (images kept as evidence), audited in the same transaction. A URL that
// must never be written out (hidden, or of a csam_report) is kept only as its digest (url-digest.ts).
import fs from 'node:fs/promises';
import type { Db, Queryable } from '../db/client';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import { selectHiddenAmong } from './block-list-sql';
import { CreateTakedownInput, DEFAULT_DUE_DAYS, DEFAULT_IMAGE_THRESHOLD, type TakedownKind } from './schemas';
import { insertItem, insertTakedown } from './sql';
import { storeItemImage } from './store-item-image';
import { urlDigest } from './url-digest';

export const dueOnFor = (receivedOn?: string) => {
  const d = receivedOn ? new Date(`${receivedOn}T00:00:00Z`) : new Date();
  d.setUTCDate(d.getUTCDate() + DEFAULT_DUE_DAYS);
  return d.toISOString().slice(0, 10);
};

/** How a url item (or an image item's URL) is kept: as its digest when the request is a csam_report or the URL is hidden now, else as given. */
async function urlKeeper(tx: Queryable, kind: TakedownKind, items: { kind: string; value?: string; imageUrl?: string }[]): Promise<(url: string) => string> {
  if (kind === 'csam_report') return urlDigest;
  const urls = items.flatMap((i) => (i.kind === 'url' && i.value ? [i.value] : i.kind === 'image' && i.imageUrl ? [i.imageUrl] : []));
  const hidden = await selectHiddenAmong(tx, urls);
  return (url) => (hidden.has(url) ? urlDigest(url) : url);
}

export async function createTakedown(
  db: Db,
  actor: Pick<Actor, 'id' | 'ip'>,
  raw: CreateTakedownInput,
  files: Record<string, Uint8Array> = {},
  extra: { tokenHash?: string } = {},
): Promise<number> {
  const input = CreateTakedownInput.parse(raw);
  const stored: string[] = [];
  try {
    return await db.tx(async (tx) => {
      const keep = await urlKeeper(tx, input.kind, input.items);
      const id = await insertTakedown(tx, {
        ...input, dueOn: input.dueOn ?? dueOnFor(input.receivedOn), createdBy: actor.id, tokenHash: extra.tokenHash, submittedIp: extra.tokenHash ? actor.ip : null,
      });
      for (const [n, item] of input.items.entries()) {
        if (item.kind === 'image') {
          const imagePath = await storeItemImage(id, n, item, files);
          stored.push(imagePath);
          await insertItem(tx, id, { kind: 'image', value: item.imageUrl ? keep(item.imageUrl) : null, imagePath, threshold: item.threshold ?? DEFAULT_IMAGE_THRESHOLD });
        } else {
          await insertItem(tx, id, { kind: item.kind, value: item.kind === 'url' ? keep(item.value) : item.value });
        }
      }
      await recordEvent(tx, {
        actor: actor.id, action: 'takedown.create', subject: `takedown:${id}`, ip: actor.ip,
        // URLs by digest: the trail can't be rewritten when one of them is hidden later.
        details: { kind: input.kind, requester: input.requester, items: input.items.map((i) => ('value' in i ? { kind: i.kind, value: i.kind === 'url' ? urlDigest(i.value) : i.value } : { kind: i.kind })), public: Boolean(extra.tokenHash) },
      });
      return id;
    });
  } catch (err) {
    // The transaction rolled back: the images it stored belong to no request.
    await Promise.all(stored.map((f) => fs.rm(f, { force: true })));
    throw err;
  }
}
