// Dataset reads with their pair counts.
import type { DatasetSummary } from './schemas';

export const datasetSelect = `
  SELECT d.id, d.name, d.model, d.dim, d.source, d.created_at,
         (SELECT count(*) FROM pairs p WHERE p.dataset_id = d.id)::int AS pairs
    FROM datasets d`;

export interface DatasetRow {
  id: number; name: string; model: string; dim: number | null; source: string | null; created_at: Date; pairs: number;
}

export const toDatasetSummary = (r: DatasetRow): DatasetSummary => ({
  id: r.id, name: r.name, model: r.model, dim: r.dim, source: r.source, pairs: r.pairs, createdAt: r.created_at.toISOString(),
});
