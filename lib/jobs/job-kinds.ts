// What each kind of background job runs: the worker looks a job's kind up here and calls the owning concept.
import type { z } from 'zod';
import type { Db } from '../db/client';
import { EmbedJobParams, runEmbedJob } from '../embeddings/run-embed-job';
import { ExportJobParams, runExportJob } from '../export/run-export-job';
import { FlagJobParams, runFlagJob } from '../flags/run-flag-job';
import { HidingJobParams, runHidingJob } from '../pairs/run-hiding-job';
import { ConceptRulesJobParams, runConceptRulesJob } from '../signals/run-concept-rules';
import { runSuggestJob, SuggestJobParams } from '../signals/run-suggest-job';
import { runTakedownJob, TakedownJobParams } from '../takedowns/run-takedown-job';

export interface JobContext<P> {
  id: number;
  params: P;
  db: Db;
  /** Aborted when someone cancels the job or the worker stops; handlers check it between batches. */
  signal: AbortSignal;
  /** Records progress (throttled); `message` says what is being done in words. */
  progress(done: number, total: number | null, message?: string): Promise<void>;
  /** Who queued the job (a user id), and from which address: the job acts, and is audited, as them. */
  createdBy: string | null;
  /** Where a resumed run starts: the last value passed to saveCheckpoint, or null on a first run. */
  checkpoint: unknown;
  saveCheckpoint(value: unknown): Promise<void>;
}

export interface JobKind<S extends z.ZodType = z.ZodType> {
  params: S;
  /** A line for logs and lists, e.g. `embed "photos"`. */
  describe(params: z.infer<S>): string;
  /** Resumable: a job requeued after a restart runs again from the start and must skip what is already done. */
  run(ctx: JobContext<z.infer<S>>): Promise<unknown>;
}

const kind = <S extends z.ZodType>(k: JobKind<S>): JobKind => k as unknown as JobKind;

export const JOB_KINDS: Record<string, JobKind> = {
  embed: kind({ params: EmbedJobParams, describe: (p) => `embed "${p.dataset}"`, run: runEmbedJob }),
  export: kind({ params: ExportJobParams, describe: (p) => `export ${p.exportId}`, run: runExportJob }),
  takedown: kind({ params: TakedownJobParams, describe: (p) => `apply takedown ${p.takedownId}`, run: runTakedownJob }),
  flag: kind({ params: FlagJobParams, describe: (p) => `flag ${p.target.kind} as ${p.reason}`, run: runFlagJob }),
  'concept-rules': kind({ params: ConceptRulesJobParams, describe: (p) => `concept rules on "${p.dataset}"`, run: runConceptRulesJob }),
  hiding: kind({ params: HidingJobParams, describe: (p) => (p.all ? 'hide look-alikes of every hidden pair' : 'files of hidden pairs'), run: runHidingJob }),
  suggest: kind({ params: SuggestJobParams, describe: (p) => `suggest flags in "${p.dataset}"`, run: runSuggestJob }),
};
