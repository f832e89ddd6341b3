// What each kind of background job runs, put together where the server starts: the worker looks a job's kind up
// here and calls the owning concept. lib/jobs knows none of them.
import { EmbedJobParams, runEmbedJob } from '../embeddings/run-embed-job';
import { ExportJobParams, runExportJob } from '../export/run-export-job';
import { rewriteHiddenExports } from '../export/rewrite-hidden-exports';
import { FlagJobParams, runFlagJob } from '../flags/run-flag-job';
import { deleteHiddenFiles, HidingJobParams, hideSourcesAgain } from '../pairs/run-hiding-job';
import { ConceptRulesJobParams, runConceptRulesJob } from '../signals/run-concept-rules';
import { runSuggestJob, SuggestJobParams } from '../signals/run-suggest-job';
import { maskHiddenUrls } from '../takedowns/mask-hidden-urls';
import { runTakedownJob, TakedownJobParams } from '../takedowns/run-takedown-job';
import { jobKind, type JobContext, type JobKind, type JobKindName } from '../jobs/job-kind';

/**
 * Hiding's files: lib/pairs' look-alikes (with `all`), takedowns' hidden URLs kept as digests, lib/pairs' media,
 * then the exports that hold a hidden pair.
 */
async function runHiding(ctx: JobContext<HidingJobParams>) {
  const sources = await hideSourcesAgain(ctx);
  const masked = await ctx.db.tx((tx) => maskHiddenUrls(tx));
  const media = await deleteHiddenFiles(ctx);
  const exports = await rewriteHiddenExports(ctx.db, { signal: ctx.signal, onProgress: (done, message) => ctx.progress(done, null, message) });
  return { sources, masked, media, exports };
}

export const JOB_KINDS: Record<JobKindName, JobKind> = {
  embed: jobKind({ params: EmbedJobParams, describe: (p) => `embed "${p.dataset}"`, run: runEmbedJob }),
  export: jobKind({ params: ExportJobParams, describe: (p) => `export ${p.exportId}`, run: runExportJob }),
  takedown: jobKind({ params: TakedownJobParams, describe: (p) => `apply takedown ${p.takedownId}`, run: runTakedownJob }),
  flag: jobKind({ params: FlagJobParams, describe: (p) => `flag ${p.target.kind} as ${p.reason}`, run: runFlagJob }),
  'concept-rules': jobKind({ params: ConceptRulesJobParams, describe: (p) => `concept rules on "${p.dataset}"`, run: runConceptRulesJob }),
  hiding: jobKind({ params: HidingJobParams, describe: (p) => (p.all ? 'hide look-alikes of every hidden pair' : 'files of hidden pairs'), run: runHiding }),
  suggest: jobKind({ params: SuggestJobParams, describe: (p) => `suggest flags in "${p.dataset}"`, run: runSuggestJob }),
};
