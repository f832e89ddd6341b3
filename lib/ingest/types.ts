// The shapes that flow from readers through the normaliser to the batch writer.

/** One image-caption pair, normalised from any LAION-style source, ready to write. */
export interface PairRecord {
  /** Path of the shard this row came from, relative to the ingested root (idempotency key, with sourceRow). */
  sourceFile: string;
  /** 0-based position of the row inside its shard. */
  sourceRow: number;
  url: string | null;
  caption: string | null;
  width: number | null;
  height: number | null;
  similarity: number | null;
  punsafe: number | null;
  pwatermark: number | null;
  aesthetic: number | null;
  /** LAION's violence probability, set by addSignals from imgEmb (lib/signals); absent until then. */
  violence?: number | null;
  license: string | null;
  language: string | null;
  nsfw: string | null;
  hash: string | null;
  sampleId: string | null;
  /** Absolute path of a local image file the app can serve offline. */
  imagePath: string | null;
  /** Columns Sieve has no column for, kept as they came (JSON-safe values: bigint → string). */
  extra: Record<string, unknown> | null;
  /** L2-normalised CLIP image embedding. */
  imgEmb: Float32Array | null;
  /** L2-normalised CLIP text embedding. */
  txtEmb: Float32Array | null;
}

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
