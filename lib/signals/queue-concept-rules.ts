// An admin runs the concept rules on a dataset: one background job per dataset at a time.
import type { z } from 'zod';
import type { Actor } from '../auth/schemas';
import type { Db } from '../db/client';
import { getDataset } from '../datasets/get-dataset';
import { enqueueJob } from '../jobs/enqueue-job';
import type { JobSummary } from '../jobs/schemas';
import { RunConceptRulesInput } from './concept-rule-schemas';

export async function queueConceptRules(db: Db, actor: Actor, dataset: string, raw: z.input<typeof RunConceptRulesInput>): Promise<{ job: JobSummary }> {
  const input = RunConceptRulesInput.parse(raw);
  await getDataset(dataset, db); // not_found before anything is queued
  const { job } = await enqueueJob(db, { kind: 'concept-rules', params: { dataset, ...input }, dedupeKey: `concept-rules:${dataset}`, createdBy: actor.id });
  return { job };
}
