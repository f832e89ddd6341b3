// A curator asks Sieve to scan a dataset for suggestions: one background job per dataset at a time.
import type { Db } from '../db/client';
import { getDataset } from '../datasets/get-dataset';
import { enqueueJob } from '../jobs/enqueue-job';
import type { JobSummary } from '../jobs/schemas';
import type { Actor } from '../auth/schemas';
import { SuggestRequest } from './run-suggest-job';
import { signalRules } from './suggestion-rules';

export async function queueSuggestions(db: Db, actor: Actor, dataset: string, raw: SuggestRequest): Promise<{ job: JobSummary }> {
  const input = SuggestRequest.parse(raw);
  await getDataset(dataset, db); // not_found before anything is queued
  signalRules(input); // refuses a bad SIEVE_SUGGEST_* now, not in the job
  const { job } = await enqueueJob(db, { kind: 'suggest', params: { dataset, ...input }, dedupeKey: `suggest:${dataset}`, createdBy: actor.id });
  return { job };
}
