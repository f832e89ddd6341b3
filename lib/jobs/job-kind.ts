// What a background job is to the worker: its context, and a kind's parameters, description and run. The kinds
// themselves belong to their concepts and are put together where the server starts (lib/server/job-kinds.ts), so
// this module knows no concept.
import type { z } from 'zod';
import type { Db } from '../db/client';

/** Every kind of job Sieve queues: a name refused here is a programming error, caught before anything is written. */
export const JOB_KIND_NAMES = ['embed', 'export', 'takedown', 'flag', 'concept-rules', 'hiding', 'suggest'] as const;
export type JobKindName = (typeof JOB_KIND_NAMES)[number];

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

export const jobKind = <S extends z.ZodType>(k: JobKind<S>): JobKind => k as unknown as JobKind;
