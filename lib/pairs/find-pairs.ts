// A page of a dataset's pairs in ingest order, for the browse grid.
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { resolveDataset } from '../datasets/resolve-dataset';
import type { FindPairsQuery, PairPage } from './schemas';
import { toPairSummary, visibleColumns, type PairRow } from './sql';

/** Without a dataset name, browses the first dataset; with none at all, returns an empty page. */
export async function findPairs(input: FindPairsQuery, q: Queryable = getDb()): Promise<PairPage> {
  const dataset = await resolveDataset(q, { name: input.dataset });
  const empty = { page: input.page, pageSize: input.pageSize };
  if (!dataset) return { dataset: null, ...empty, total: 0, pages: 0, items: [] };
  const [{ total }] = await q.query<{ total: number }>('SELECT count(*)::int AS total FROM shown_pairs WHERE dataset_id = $1', [dataset.id]);
  // The inner query walks only the (dataset_id, id) index, so deep pages skip index entries, not rows.
  const rows = await q.query<PairRow>(
    `SELECT ${visibleColumns} FROM shown_pairs p
      WHERE p.id IN (SELECT id FROM shown_pairs WHERE dataset_id = $1 ORDER BY id LIMIT $2 OFFSET $3)
      ORDER BY p.id`,
    [dataset.id, input.pageSize, (input.page - 1) * input.pageSize],
  );
  return {
    dataset: { id: dataset.id, name: dataset.name },
    ...empty,
    total,
    pages: Math.ceil(total / input.pageSize),
    items: rows.map(toPairSummary),
  };
}
