// Queues background embedding runs for datasets that lack vectors, when CLIP weights can be had; else says why not.
import type { Db } from '../db/client';
import { getDataset } from '../datasets/get-dataset';
import { enqueueJob } from '../jobs/enqueue-job';
import type { JobSummary } from '../jobs/schemas';
import { checkClipReachable } from './check-clip-reachable';
import { getClipStatus } from './get-clip-status';
import { countMissing, MISSING_IMAGE, MISSING_TEXT } from './sql';

/** The dedupe key of a dataset's embedding job: asking twice while it runs gives the one job. */
export const embedJobKey = (dataset: string) => `embed:${dataset}`;

const fmt = (n: number) => n.toLocaleString('en-US');

export async function queueEmbedding(db: Db, datasets: string[], log: (m: string) => void = () => undefined): Promise<JobSummary[]> {
  const wanted: { name: string; dim: number | null; model: string; text: number; image: number }[] = [];
  for (const name of datasets) {
    const d = await getDataset(name, db);
    const [text, image] = [await countMissing(db, d.id, MISSING_TEXT), await countMissing(db, d.id, MISSING_IMAGE)];
    if (text + image > 0) wanted.push({ name, dim: d.dim, model: d.model, text, image });
  }
  if (wanted.length === 0) return [];
  const names = wanted.map((w) => `"${w.name}"`).join(', ');
  const clip = await checkClipReachable();
  if (!clip.ok) {
    log(`search by meaning is off for ${names}: no CLIP weights (${clip.reason}). ${clip.howToEnable} Then restart, or run \`npm run sieve -- embed --dataset <name>\`.`);
    return [];
  }
  const encoderDim = getClipStatus().dim;
  const jobs: JobSummary[] = [];
  for (const w of wanted) {
    // Vectors of two models live in different spaces: only a dataset without vectors, or of this encoder, is filled in.
    if (w.dim !== null && w.model !== clip.model && w.dim !== encoderDim) {
      log(`"${w.name}" holds ${w.dim}-d ${w.model} vectors; the configured encoder ${clip.model} cannot add to them`);
      continue;
    }
    const { job, created } = await enqueueJob(db, { kind: 'embed', params: { dataset: w.name }, dedupeKey: embedJobKey(w.name) });
    jobs.push(job);
    if (created) log(`embedding "${w.name}" in the background (${fmt(w.text)} captions, ${fmt(w.image)} images) with ${clip.model}: progress here and on the page`);
  }
  return jobs;
}
