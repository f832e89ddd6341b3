// The shapes that flow from readers through the normaliser to the batch writer (its row, PairRecord, is lib/pairs').
import type { PairRecord } from '../pairs/insert-pairs';

export type { PairRecord } from '../pairs/insert-pairs';

/** A unit of atomic, resumable work: one parquet file (+ its npy rows), one tar, one img2dataset folder. */
export interface Shard {
  /** Path relative to the ingested root, stable across runs. */
  file: string;
  /** Number of rows, known before reading (from the parquet footer, the npy header or the listing). */
  rows: number;
  /** Embedding dimension found in this shard's vectors, or null when it has none. */
  dim: number | null;
  /** Yields the shard's rows in order, in batches of at most batchSize; throws IngestError on bad input. */
  batches(batchSize: number): AsyncIterable<PairRecord[]>;
}

export type SourceKind = 'embedding-folder' | 'parquet' | 'img2dataset';

export interface Source {
  kind: SourceKind;
  root: string;
  shards: Shard[];
}
