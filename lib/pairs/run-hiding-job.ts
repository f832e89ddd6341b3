// lib/pairs' two steps of the 'hiding' background job (put together with the other concepts' in
// lib/server/job-kinds.ts): with `all`, hides every source again with its twins and look-alikes (a migration queues
// this for flags raised before look-alikes were hidden); every run then, after takedowns' tables keep hidden URLs
// only as digests, deletes the local images and thumbnails of every hidden pair.
import { z } from 'zod';
import type { JobContext } from '../jobs/job-kind';
import { deleteHiddenMedia } from './delete-hidden-media';
import { deleteBySources, selectAllSources } from './hiding-sql';
import { hideSources } from './refresh-hiding';

export const HidingJobParams = z.object({ all: z.boolean().optional() });
export type HidingJobParams = z.infer<typeof HidingJobParams>;

/** Sources per transaction: each costs an index search per dataset of its model. */
const BATCH = 100;

/** The job's first step: with `all`, every source hidden again; the number of sources checked (0 without `all`). */
export async function hideSourcesAgain(ctx: JobContext<HidingJobParams>): Promise<number> {
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
  return sources;
}

/** The job's step after the masking of hidden URLs: the local images and thumbnails of every hidden pair deleted. */
export async function deleteHiddenFiles(ctx: JobContext<HidingJobParams>) {
  await ctx.progress(0, null, 'deleting the images of hidden pairs');
  const media = await deleteHiddenMedia(ctx.db, { actor: ctx.createdBy, action: 'media.delete', signal: ctx.signal });
  return { pairs: media.pairIds.length, files: media.files, thumbnails: media.thumbnails };
}
