// The 'hiding' background job: with `all`, hides every source again with its twins and look-alikes (a migration queues
// this for flags raised before look-alikes were hidden); every run then deletes the local images and thumbnails of
// every hidden pair and keeps hidden URLs in takedowns' tables only as digests (lib/jobs/job-kinds.ts adds the rewriting of exports that hold one).
import { z } from 'zod';
import type { JobContext } from '../jobs/job-kind';
import { maskHiddenUrls } from '../takedowns/mask-hidden-urls';
import { deleteHiddenMedia } from './delete-hidden-media';
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
  const masked = await ctx.db.tx((tx) => maskHiddenUrls(tx));
  await ctx.progress(0, null, 'deleting the images of hidden pairs');
  const media = await deleteHiddenMedia(ctx.db, { actor: ctx.createdBy, action: 'media.delete', signal: ctx.signal });
  return { sources, masked, media: { pairs: media.pairIds.length, files: media.files, thumbnails: media.thumbnails } };
}
