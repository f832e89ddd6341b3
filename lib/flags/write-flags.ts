// One batch of flags and their audit events, in one transaction: there is never a flag without its event.
import type { Db } from '../db/client';
import { recordEvents } from '../audit/record-events';
import type { Actor } from '../auth/schemas';
import type { FlagReason } from './reasons';
import { insertFlags } from './sql';

export async function writeFlags(
  db: Db,
  actor: Pick<Actor, 'id' | 'ip'>,
  f: { pairIds: number[]; reason: FlagReason; note: string | null; jobId: number | null },
): Promise<number> {
  return db.tx(async (tx) => {
    const made = await insertFlags(tx, { ...f, createdBy: actor.id });
    await recordEvents(
      tx,
      made.map((m) => ({
        actor: actor.id, action: 'flag.create', subject: `pair:${m.pair_id}`, datasetId: m.dataset_id, ip: actor.ip,
        details: { flagId: m.id, reason: f.reason, ...(f.note ? { note: f.note } : {}), ...(f.jobId ? { jobId: f.jobId } : {}) },
      })),
    );
    return made.length;
  });
}
