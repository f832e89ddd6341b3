// The signals concept's SQL: which pairs still lack LAION's scores (lib/pairs writes them back), and its concept rules.
import type { Queryable } from '../db/client';
import { parseVectorText } from '../db/pgvector';

/**
 * A pair lacks its signals while it has an image embedding and no violence score: violence is computed for every
 * pair of a LAION dimension, so it doubles as the "done" marker, and the partial index pairs_signals_todo_idx
 * (migration 0009) holds exactly these pairs, which makes a finished dataset's re-run one empty index scan.
 */
const TODO = 'dataset_id = $1 AND violence IS NULL AND img_emb IS NOT NULL';

export async function countPairsWithoutSignals(q: Queryable, datasetId: number): Promise<number> {
  const [row] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM pairs WHERE ${TODO}`, [datasetId]);
  return row.n;
}

/** A pair to score with the scores its source gave (null: none, LAION's will be filled in). */
export interface PairToScore {
  id: number;
  embedding: Float32Array;
  aesthetic: number | null;
  punsafe: number | null;
}

/** The next pairs after `afterId` that lack signals, in id order (keyset: a re-run resumes, never rereads). */
export async function findPairsWithoutSignals(q: Queryable, datasetId: number, afterId: number, limit: number): Promise<PairToScore[]> {
  const rows = await q.query<{ id: number; emb: string; aesthetic: number | null; punsafe: number | null }>(
    `SELECT id, img_emb::text AS emb, aesthetic, punsafe FROM pairs WHERE ${TODO} AND id > $2 ORDER BY id LIMIT $3`,
    [datasetId, afterId, limit],
  );
  return rows.map((r) => ({ id: Number(r.id), embedding: parseVectorText(r.emb) as Float32Array, aesthetic: r.aesthetic, punsafe: r.punsafe }));
}

/** The next pairs after `afterId` whose score is above the threshold, in id order (the column is one of three names). */
export async function findPairsAboveThreshold(
  q: Queryable,
  datasetId: number,
  column: 'punsafe' | 'violence' | 'pwatermark',
  threshold: number,
  afterId: number,
  limit: number,
): Promise<{ id: number; value: number }[]> {
  const col = { punsafe: 'punsafe', violence: 'violence', pwatermark: 'pwatermark' }[column];
  return q.query(
    `SELECT id, ${col} AS value FROM shown_pairs WHERE dataset_id = $1 AND id > $2 AND ${col} > $3::real ORDER BY id LIMIT $4`,
    [datasetId, afterId, threshold, limit],
  );
}

/** The next captions after `afterId`, in id order, for the private-data scan. */
export async function findCaptionsAfter(q: Queryable, datasetId: number, afterId: number, limit: number): Promise<{ id: number; caption: string }[]> {
  return q.query(`SELECT id, caption FROM shown_pairs WHERE dataset_id = $1 AND id > $2 AND caption IS NOT NULL ORDER BY id LIMIT $3`, [datasetId, afterId, limit]);
}

interface ConceptRuleRow { id: number; name: string; prompt: string; threshold: number; reason: string; enabled: boolean; created_by: string | null; created_at: Date }
const toRule = (r: ConceptRuleRow) => ({ id: r.id, name: r.name, prompt: r.prompt, threshold: r.threshold, reason: r.reason, enabled: r.enabled, createdBy: r.created_by, createdAt: r.created_at.toISOString() });

export async function selectConceptRules(q: Queryable, ids?: number[]) {
  const rows = await q.query<ConceptRuleRow>(`SELECT * FROM concept_rules ${ids ? 'WHERE id = ANY($1::int[])' : ''} ORDER BY name`, ids ? [ids] : []);
  return rows.map(toRule);
}

/** A rule of the same name is replaced: importing LAION's list twice leaves one rule per concept. */
export async function upsertConceptRule(q: Queryable, r: { name: string; prompt: string; threshold: number; reason: string; enabled: boolean; createdBy: string | null }) {
  const [row] = await q.query<ConceptRuleRow>(
    `INSERT INTO concept_rules (name, prompt, threshold, reason, enabled, created_by) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (name) DO UPDATE SET prompt = EXCLUDED.prompt, threshold = EXCLUDED.threshold, reason = EXCLUDED.reason, enabled = EXCLUDED.enabled
     RETURNING *`,
    [r.name, r.prompt, r.threshold, r.reason, r.enabled, r.createdBy],
  );
  return toRule(row);
}

export async function deleteConceptRuleRow(q: Queryable, id: number) {
  const [row] = await q.query<ConceptRuleRow>('DELETE FROM concept_rules WHERE id = $1 RETURNING *', [id]);
  return row ? toRule(row) : null;
}
