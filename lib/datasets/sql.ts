// Dataset reads: datasets with their pair counts, and one dataset's own row.
import type { Queryable } from '../db/client';
import type { DatasetSummary } from './schemas';

interface DatasetRow {
  id: number; name: string; model: string; dim: number | null; source: string | null; created_at: Date;
}

/**
 * Datasets matching `where` (SQL over `d`, with `params`), each with its pair count. The counts are a second query
 * grouped by dataset rather than a subquery per dataset row: a sharded pairs table cannot run a correlated subquery
 * under the datasets table, and one grouped scan per request is no slower on one server.
 */
export async function selectDatasets(q: Queryable, where = 'true', params: unknown[] = []): Promise<DatasetSummary[]> {
  const rows = await q.query<DatasetRow>(`SELECT d.id, d.name, d.model, d.dim, d.source, d.created_at FROM datasets d WHERE ${where} ORDER BY d.id`, params);
  if (rows.length === 0) return [];
  const counts = await q.query<{ dataset_id: number; n: number }>(
    'SELECT dataset_id, count(*)::int AS n FROM shown_pairs WHERE dataset_id = ANY($1::int[]) GROUP BY dataset_id',
    [rows.map((r) => r.id)],
  );
  const pairs = new Map(counts.map((c) => [c.dataset_id, c.n]));
  return rows.map((r) => ({ id: r.id, name: r.name, model: r.model, dim: r.dim, source: r.source, pairs: pairs.get(r.id) ?? 0, createdAt: r.created_at.toISOString() }));
}

/** One dataset's own row, without counting its pairs. */
export async function selectDatasetRow(q: Queryable, name: string): Promise<Omit<DatasetSummary, 'pairs'> | null> {
  const [r] = await q.query<DatasetRow>('SELECT id, name, model, dim, source, created_at FROM datasets WHERE name = $1', [name]);
  return r ? { id: r.id, name: r.name, model: r.model, dim: r.dim, source: r.source, createdAt: r.created_at.toISOString() } : null;
}
