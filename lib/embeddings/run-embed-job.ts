// The 'embed' background job: `sieve embed` for one dataset, with its progress on the job row.
import { z } from 'zod';
import type { JobContext } from '../jobs/job-kind';
import { embedDataset } from './embed-dataset';

export const EmbedJobParams = z.object({
  dataset: z.string().min(1),
  modality: z.enum(['text', 'image', 'both']).default('both'),
});
export type EmbedJobParams = z.infer<typeof EmbedJobParams>;

const LABEL = { text: 'caption embeddings', image: 'image embeddings' } as const;
const fmt = (n: number) => n.toLocaleString('en-US');

/** embedDataset skips what already has a vector, so a requeued job simply runs again. */
export async function runEmbedJob(ctx: JobContext<EmbedJobParams>) {
  const summary = await embedDataset(ctx.db, { dataset: ctx.params.dataset, modality: ctx.params.modality }, {
    signal: ctx.signal,
    onProgress: (p) => ctx.progress(p.done, p.total, `${LABEL[p.modality]} ${fmt(p.done)}/${fmt(p.total)}`),
  });
  return { text: summary.text, image: summary.image, failed: summary.failed.length, model: summary.model, dim: summary.dim };
}
