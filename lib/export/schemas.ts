// Client-safe shapes of exports: where the rows come from, which flagged pairs stay out, the format, the manifest.
import { z } from 'zod';
import { DatasetName } from '../datasets/schemas';
import { FlagReason } from '../flags/schemas';
import { MAX_TOP_K, SearchQuery } from '../search/schemas';
import { DuplicatesTarget, queryTarget } from '../similar/target-schemas';
import { PathId } from '../errors/path-id';

export const EXPORT_FORMATS = ['parquet', 'jsonl', 'csv', 'urls', 'npy'] as const;
export const ExportFormat = z.enum(EXPORT_FORMATS);
export type ExportFormat = z.infer<typeof ExportFormat>;

/** The deepest top k of a ranked search an export takes (as for flags: an exact ranking, computed at once). */
export const MAX_EXPORT_TOP_K = MAX_TOP_K;

export const ExportSource = z.discriminatedUnion('kind', [
  /** A search (query + filters) over every flag state: the export's rule decides which flagged pairs stay out. */
  queryTarget(SearchQuery.omit({ limit: true, cursor: true, dedupe: true, flagState: true }).partial({ modality: true })),
  z.object({ kind: z.literal('dataset'), dataset: DatasetName }),
  DuplicatesTarget,
]);
export type ExportSource = z.infer<typeof ExportSource>;

/**
 * clean (the default): leave out pairs with a confirmed flag; strict: also those with an open flag; none: keep all;
 * flagged: only pairs with a flag of the chosen reasons and states (an audit or removal list). Suspected CSAM never
 * leaves Sieve: the hiding rule's pairs are in no export, whatever the rule.
 */
export const ExportRule = z.discriminatedUnion('keep', [
  z.object({ keep: z.literal('clean') }),
  z.object({ keep: z.literal('strict') }),
  z.object({ keep: z.literal('none') }),
  z.object({
    keep: z.literal('flagged'),
    reasons: z.array(FlagReason).min(1).optional(),
    states: z.array(z.enum(['open', 'confirmed', 'rejected'])).min(1).default(['open', 'confirmed']),
  }),
]);
export type ExportRule = z.infer<typeof ExportRule>;

export const ExportRequest = z.object({
  source: ExportSource,
  rule: ExportRule.default({ keep: 'clean' }),
  format: ExportFormat,
  /** npy: rows per shard (clip-retrieval's parts hold about a million). */
  shardRows: z.number().int().min(1).max(10_000_000).optional(),
});
export type ExportRequest = z.infer<typeof ExportRequest>;
export type ExportRequestInput = z.input<typeof ExportRequest>;

export interface ManifestFile {
  path: string;
  rows: number;
  bytes: number;
  sha256: string;
}

/** manifest.json beside the files: enough to know what they are, check them, and make them again. */
export interface ExportManifest {
  sieve: { version: string };
  exportId: number;
  request: ExportRequest;
  dataset: string | null;
  /** The flag state the export saw: every audit event up to this id had happened when it started. */
  auditEventId: number;
  startedAt: string;
  finishedAt: string;
  rows: number;
  /** Pairs of the source the rule left out (flagged), and the dataset's pairs the hiding rule withholds. */
  excluded: { byRule: number; hidden: number };
  files: ManifestFile[];
  notes: string[];
  /** Each time the files were written again without pairs hidden since (the same pairs otherwise, in the same order). */
  rewrites?: { at: string; removed: number }[];
}

export interface ExportSummary {
  id: number;
  jobId: number | null;
  state: 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
  format: ExportFormat;
  request: ExportRequest;
  datasetId: number | null;
  rows: number | null;
  bytes: number | null;
  error: string | null;
  createdBy: string | null;
  createdByEmail: string | null;
  createdAt: string;
  finishedAt: string | null;
  /** Relative paths of the files, when done. */
  files: string[];
}

export const ExportIdParams = z.object({ id: PathId });

export const DiffQuery = z.object({
  from: z.coerce.number().int().positive(),
  to: z.coerce.number().int().positive(),
  format: z.enum(['csv', 'parquet']).default('csv'),
});
export type DiffQuery = z.infer<typeof DiffQuery>;
