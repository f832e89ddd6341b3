// Inputs of an ingest run, shared by the CLI and tests; client-safe.
import { z } from 'zod';
import { DatasetName } from '../datasets/schemas';

// Big enough that per-statement overhead vanishes, small enough to keep one batch of 768-d
// vectors as text parameters in a few MB (see bench/ingest.bench.ts).
export const DEFAULT_BATCH_SIZE = 1000;

export const IngestInput = z.object({
  path: z.string().min(1, 'give the path of a parquet file or a LAION / img2dataset folder'),
  dataset: DatasetName,
  model: z.string().min(1).optional(),
  batchSize: z.coerce.number().int().min(1).max(50_000).default(DEFAULT_BATCH_SIZE),
  keepGoing: z.boolean().default(false),
  /** Past the embedded database's size limit (lib/db/check-embedded-size.ts), load into it anyway. */
  force: z.boolean().default(false),
});
export type IngestInput = z.input<typeof IngestInput>;

export interface IngestProgress {
  shard: string;
  shardIndex: number;
  shards: number;
  rowsDone: number;
  rowsTotal: number;
}

export interface IngestSummary {
  dataset: string;
  kind: string;
  shards: number;
  skippedShards: number;
  rows: number;
  inserted: number;
  /** New pairs a block list names, flagged on the way in. */
  blocked: number;
  /** New pairs scored with LAION's signals from their image embeddings (lib/signals). */
  signals: number;
  failed: { file: string; message: string; row?: number }[];
  indexes: string[];
  /** Seconds from start to the last shard committed, and building the vector indexes after it. */
  loadSeconds: number;
  indexSeconds: number;
}
