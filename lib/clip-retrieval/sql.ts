// The clip-retrieval routes' own SQL: index names, and pairs by id for /metadata (through the hiding rule's columns).
import type { Queryable } from '../db/client';
import { visibleColumns, type PairRow } from '../pairs/sql';

/** Dataset names, oldest first: the first is the index clip-retrieval's clients get when they name none. */
export async function selectIndexNames(q: Queryable): Promise<string[]> {
  return (await q.query<{ name: string }>('SELECT name FROM datasets ORDER BY id')).map((r) => r.name);
}

/** The pairs among `ids` (in no order), of the named dataset when given; one statement for up to 10,000 ids. */
export async function selectPairsByIds(q: Queryable, ids: number[], dataset?: string): Promise<PairRow[]> {
  const inDataset = dataset === undefined ? '' : ' AND p.dataset_id = (SELECT d.id FROM datasets d WHERE d.name = $2)';
  return q.query<PairRow>(`SELECT ${visibleColumns} FROM pairs p WHERE p.id = ANY($1::bigint[])${inDataset}`, dataset === undefined ? [ids] : [ids, dataset]);
}
