// Records a takedown request with its items (images kept as evidence), audited in the same transaction.
import fs from 'node:fs/promises';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import type { Actor } from '../auth/schemas';
import { CreateTakedownInput, DEFAULT_DUE_DAYS, DEFAULT_IMAGE_THRESHOLD } from './schemas';
import { insertItem, insertTakedown } from './sql';
import { storeItemImage } from './store-item-image';

export const dueOnFor = (receivedOn?: string) => {
  const d = receivedOn ? new Date(`${receivedOn}T00:00:00Z`) : new Date();
  d.setUTCDate(d.getUTCDate() + DEFAULT_DUE_DAYS);
  return d.toISOString().slice(0, 10);
};

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
      const id = await insertTakedown(tx, {
        ...input, dueOn: input.dueOn ?? dueOnFor(input.receivedOn), createdBy: actor.id, tokenHash: extra.tokenHash, submittedIp: extra.tokenHash ? actor.ip : null,
      });
      for (const [n, item] of input.items.entries()) {
        if (item.kind === 'image') {
          const imagePath = await storeItemImage(id, n, item, files);
          stored.push(imagePath);
          await insertItem(tx, id, { kind: 'image', value: item.imageUrl ?? null, imagePath, threshold: item.threshold ?? DEFAULT_IMAGE_THRESHOLD });
        } else {
          await insertItem(tx, id, { kind: item.kind, value: item.value });
        }
      }
      await recordEvent(tx, {
        actor: actor.id, action: 'takedown.create', subject: `takedown:${id}`, ip: actor.ip,
        details: { kind: input.kind, requester: input.requester, items: input.items.map((i) => ('value' in i ? { kind: i.kind, value: i.value } : { kind: i.kind })), public: Boolean(extra.tokenHash) },
      });
      return id;
    });
  } catch (err) {
    // The transaction rolled back: the images it stored belong to no request.
    await Promise.all(stored.map((f) => fs.rm(f, { force: true })));
    throw err;
  }
}
