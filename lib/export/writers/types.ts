// The contract between the export orchestration (which rows, in which order) and the per-format file writers.

/** One pair as exported: Sieve's columns plus the source's kept extra columns. */
export interface ExportRow {
  /** Sieve's pair id. */
  id: number;
  url: string | null;
  caption: string | null;
  width: number | null;
  height: number | null;
  similarity: number | null;
  punsafe: number | null;
  pwatermark: number | null;
  aesthetic: number | null;
  hash: string | null;
  license: string | null;
  language: string | null;
  nsfw: string | null;
  sampleId: string | null;
  /** Kept extra columns of the source (arbitrary JSON values). */
  extra: Record<string, unknown> | null;
  /** Only for the npy format. */
  imgEmb?: Float32Array | null;
  txtEmb?: Float32Array | null;
}

export type ExportFormat = 'parquet' | 'jsonl' | 'csv' | 'urls' | 'npy';

export interface WriterOptions {
  /** Names of the extra columns to write, in order (a row lacking one gets null). */
  extraColumns: string[];
  /** npy only: embedding dimension. */
  dim?: number;
  /** npy only: whether text embeddings are written too. */
  withText?: boolean;
  /** npy only: rows per shard (default 1,000,000). */
  shardRows?: number;
}

export interface WrittenFile {
  /** Relative to the export folder, '/' separators. */
  path: string;
  rows: number;
  bytes: number;
}

/**
 * Receives rows batch by batch and writes each batch before write() resolves, so memory stays
 * flat whatever the total. finish() closes and lists the files; abort() only closes handles
 * (the caller deletes the folder).
 */
export interface RowWriter {
  write(rows: ExportRow[]): Promise<void>;
  finish(): Promise<WrittenFile[]>;
  abort(): Promise<void>;
}
