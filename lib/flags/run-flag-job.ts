// The 'flag' background job: a large target flagged batch by batch, each batch with its audit events in one
// transaction, resumable from its checkpoint; a re-run adds no duplicate flags. A search's job runs the search its
// request planned (`planned`): it neither plans it again nor encodes its text with CLIP.
import { z } from 'zod';
import type { JobContext } from '../jobs/job-kind';
import { PlannedSearch } from '../search/schemas';
import { resolveFlagTarget } from './resolve-flag-target';
import { FlagReason, FlagTarget } from './schemas';
import { writeFlags } from './write-flags';

/** Pairs per transaction: big enough that 100,000 flags take a hundred commits, small enough to stay short. */
const BATCH = 2_000;

/**
 * `planned`: what the request resolved for a search or domain target. Jobs queued before it existed have none and
 * resolve their target here, as they always did (a job parked by a restart must still run).
 */
export const FlagJobParams = z.object({
  target: FlagTarget,
  reason: FlagReason,
  note: z.string().nullable(),
  ip: z.string().nullable().optional(),
  planned: PlannedSearch.optional(),
});
export type FlagJobParams = z.infer<typeof FlagJobParams>;

const fmt = (n: number) => n.toLocaleString('en-US');

export async function runFlagJob(ctx: JobContext<FlagJobParams>) {
  const { target: raw, reason, note, ip, planned } = ctx.params;
  const target = await resolveFlagTarget(ctx.db, raw, planned);
  const total = await target.count();
  const start = typeof ctx.checkpoint === 'object' && ctx.checkpoint !== null ? (ctx.checkpoint as { position: number; done: number }) : { position: 0, done: 0 };
  let { done } = start;
  let flagged = 0;
  await ctx.progress(done, total, `flagging ${fmt(total)} pairs as ${reason}`);
  for await (const batch of target.batches(start.position, BATCH)) {
    ctx.signal.throwIfAborted();
    flagged += await writeFlags(ctx.db, { id: ctx.createdBy, ip: ip ?? null }, { pairIds: batch.ids, reason, note, jobId: ctx.id });
    done += batch.ids.length;
    await ctx.saveCheckpoint({ position: batch.position, done });
    await ctx.progress(done, total, `${fmt(done)}/${fmt(total)} pairs flagged as ${reason}`);
  }
  return { matched: total, flagged, reason };
}
