// The 'hiding' background job: with `all`, hides every source again with its twins and look-alikes (a migration queues
// this for flags raised before look-alikes were hidden); every run then brings the files on disk in line with the rule.
import { z } from 'zod';
import type { JobContext } from '../jobs/job-kinds';
import { deleteBySources, selectAllSources } from './hiding-sql';
import { hideSources } from './refresh-hiding';

export const HidingJobParams = z.object({ all: z.boolean().optional() });
export type HidingJobParams = z.infer<typeof HidingJobParams>;

/** Sources per transaction: each costs an index search per dataset of its model. */
const BATCH = 100;

export async function runHidingJob(ctx: JobContext<HidingJobParams>) {
  let sources = 0;
  if (ctx.params.all) {
    const all = await selectAllSources(ctx.db);
    for (let i = 0; i < all.length; i += BATCH) {
      ctx.signal.throwIfAborted();
      const batch = all.slice(i, i + BATCH);
      await ctx.db.tx(async (tx) => {
        await deleteBySources(tx, batch);
        await hideSources(tx, batch);
      });
      sources += batch.length;
      await ctx.progress(sources, all.length, `${sources}/${all.length} hidden pairs checked for twins and look-alikes`);
    }
  }
  return { sources };
}
