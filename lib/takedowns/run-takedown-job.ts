// The 'takedown' background job: applies a large request batch by batch, resuming after its last flagged pair.
import { z } from 'zod';
import { AppError } from '../errors/app-error';
import type { JobContext } from '../jobs/job-kind';
import { flagKept } from './apply-takedown';
import { countKept, selectTakedown } from './sql';

// confirm: whether who applied it may decide its flags (apply-takedown.ts); a job queued before it existed leaves them open.
export const TakedownJobParams = z.object({ takedownId: z.number().int().positive(), ip: z.string().nullable().optional(), confirm: z.boolean().optional() });
export type TakedownJobParams = z.infer<typeof TakedownJobParams>;

export async function runTakedownJob(ctx: JobContext<TakedownJobParams>) {
  const t = await selectTakedown(ctx.db, ctx.params.takedownId);
  if (!t) throw new AppError('not_found', `takedown ${ctx.params.takedownId} does not exist`);
  const total = await countKept(ctx.db, t.id);
  const from = (ctx.checkpoint as { afterId?: number } | null)?.afterId ?? 0;
  const flagged = await flagKept(ctx.db, { id: ctx.createdBy, ip: ctx.params.ip ?? null }, t, from, ctx.params.confirm ?? false, async (afterId, n) => {
    ctx.signal.throwIfAborted();
    await ctx.saveCheckpoint({ afterId });
    await ctx.progress(n, total, `${n.toLocaleString('en-US')} pairs flagged for takedown ${t.id}`);
  });
  return { takedownId: t.id, flagged };
}
