// Dataset shapes shared by routes, the CLI and the UI; client-safe.
import { z } from 'zod';

export const DatasetName = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'use letters, digits, dot, dash or underscore');

/** What queries need to know of a dataset: no pair count (counting a big dataset is a scan). */
export interface DatasetRecord {
  id: number;
  name: string;
  model: string;
  dim: number | null;
  /** Names of its HNSW indexes, when the reader fetched them (resolveDataset does). */
  vectorIndexes?: string[];
  /** Rows ingest committed, when the reader fetched them (resolveDataset does): what its HNSW graphs hold at most. */
  rows?: number;
}

export interface DatasetSummary {
  id: number;
  name: string;
  model: string;
  dim: number | null;
  source: string | null;
  pairs: number;
  createdAt: string;
}
