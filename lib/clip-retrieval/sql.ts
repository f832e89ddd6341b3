// The clip-retrieval routes' own SQL: index names, pairs by id for /metadata (through the hiding rule's columns), and
// stored vectors by id for near-duplicate folding.
import type { Queryable } from '../db/client';
import type { EmbeddingColumn } from '../datasets/vector-index';
import { parseHalfvecBinary } from '../db/pgvector';
import { visibleColumns, type PairRow } from '../pairs/sql';

/** Dataset names, oldest first: the first is the index clip-retrieval's clients get when they name none. */
export async function selectIndexNames(q: Queryable): Promise<string[]> {
  return (await q.query<{ name: string }>('SELECT name FROM datasets ORDER BY id')).map((r) => r.name);
}

/** The pairs among `ids` (in no order), of the named dataset when given; one statement for up to 10,000 ids. */
export async function selectPairsByIds(q: Queryable, ids: number[], dataset?: string): Promise<PairRow[]> {
  const inDataset = dataset === undefined ? '' : ' AND p.dataset_id = (SELECT d.id FROM datasets d WHERE d.name = $2)';
  return q.query<PairRow>(`SELECT ${visibleColumns} FROM shown_pairs p WHERE p.id = ANY($1::bigint[])${inDataset}`, dataset === undefined ? [ids] : [ids, dataset]);
}

/** The stored vectors of `ids` (those that have one), read in halfvec's binary form. */
export async function selectVectors(q: Queryable, column: EmbeddingColumn, ids: number[]): Promise<Map<number, Float32Array>> {
  const rows = await q.query<{ id: number; v: Uint8Array }>(`SELECT p.id, halfvec_send(p.${column}) AS v FROM shown_pairs p WHERE p.id = ANY($1::bigint[]) AND p.${column} IS NOT NULL`, [ids]);
  return new Map(rows.map(({ id, v }) => [Number(id), parseHalfvecBinary(v)!]));
}
