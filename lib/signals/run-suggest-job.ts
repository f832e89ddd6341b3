// The `suggest` job: suggestFlags over a whole dataset in the background. Suggestions are idempotent, so a job requeued
// after a restart runs again from the start and adds only what the first run had not.
import { z } from 'zod';
import type { JobContext } from '../jobs/job-kind';
import { suggestFlags } from './suggest-flags';

const Threshold = z.number().min(0).max(1);

/** What a curator may set for one run (the defaults and SIEVE_SUGGEST_* otherwise). */
export const SuggestRequest = z.strictObject({
  punsafe: Threshold.optional(),
  violence: Threshold.optional(),
  pwatermark: Threshold.optional(),
  pii: z.boolean().default(true),
});
export type SuggestRequest = z.input<typeof SuggestRequest>;

export const SuggestJobParams = SuggestRequest.extend({ dataset: z.string().min(1) });
export type SuggestJobParams = z.infer<typeof SuggestJobParams>;

export async function runSuggestJob(ctx: JobContext<SuggestJobParams>) {
  const { dataset, pii, ...thresholds } = ctx.params;
  const summary = await suggestFlags(ctx.db, {
    dataset, thresholds, pii, jobId: ctx.id, signal: ctx.signal,
    onProgress: (step, n) => void ctx.progress(n, null, `${step}: ${n.toLocaleString('en-US')} new suggestion(s)`),
  });
  await ctx.progress(summary.total, summary.total, `${summary.total.toLocaleString('en-US')} new suggestion(s) for review`);
  return summary;
}
