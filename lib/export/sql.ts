// The export concept's SQL: the rows of a batch of pair ids (through the hiding rule, the rule's flag predicate
// applied), the extra columns a dataset holds, and the exports table.
import type { Queryable } from '../db/client';
import { SqlParams } from '../db/sql-params';
import { visibleColumns, type PairRow } from '../pairs/sql';
import type { ExportRequest, ExportRule, ExportSummary } from './schemas';

export interface ExportPairRow extends PairRow {
  ord: number;
  extra: Record<string, unknown> | null;
  img_emb: string | null;
  txt_emb: string | null;
  sieve_flags: string | null;
}

function rulePredicate(rule: ExportRule, p: SqlParams): string {
  switch (rule.keep) {
    case 'clean':
      return `NOT EXISTS (SELECT 1 FROM flags f WHERE f.pair_id = p.id AND f.state = 'confirmed')`;
    case 'strict':
      return `NOT EXISTS (SELECT 1 FROM flags f WHERE f.pair_id = p.id AND f.state IN ('open', 'confirmed'))`;
    case 'none':
      return 'true';
    case 'flagged':
      return `EXISTS (SELECT 1 FROM flags f WHERE f.pair_id = p.id AND f.state = ANY(${p.add(rule.states)}::text[])${rule.reasons ? ` AND f.reason = ANY(${p.add(rule.reasons)}::text[])` : ''})`;
  }
}

type Vectors = { img: boolean; txt: boolean };

const exportColumns = (rule: ExportRule, vectors: Vectors) => `${visibleColumns}, p.extra,
  ${vectors.img ? 'p.img_emb::text' : 'NULL'} AS img_emb, ${vectors.txt ? 'p.txt_emb::text' : 'NULL'} AS txt_emb,
  ${rule.keep === 'flagged' ? `(SELECT string_agg(f.reason || ':' || f.state, ';' ORDER BY f.reason, f.state) FROM flags f WHERE f.pair_id = p.id)` : 'NULL'} AS sieve_flags`;

const keepWhere = (rule: ExportRule, vectors: Vectors, p: SqlParams) => `${rulePredicate(rule, p)}${vectors.img ? ' AND p.img_emb IS NOT NULL' : ''}`;

/**
 * The pairs of `ids` the rule keeps, in the order of `ids`. Vectors only when asked (they are most of the bytes).
 * `every` keeps each shown pair whatever its flags (a rewrite leaves out only what the hiding rule hides since).
 */
export async function selectExportRows(q: Queryable, ids: number[], rule: ExportRule, vectors: Vectors, keep: 'rule' | 'every' = 'rule'): Promise<ExportPairRow[]> {
  const p = new SqlParams([ids]);
  return q.query<ExportPairRow>(
    `SELECT t.ord, ${exportColumns(rule, vectors)}
       FROM unnest($1::bigint[]) WITH ORDINALITY AS t(id, ord) JOIN shown_pairs p ON p.id = t.id
      WHERE ${keepWhere(keep === 'rule' ? rule : { keep: 'none' }, vectors, p)}
      ORDER BY t.ord`,
    p.values,
  );
}

/**
 * The next `limit` pairs after `afterId` that match `condition` (a search's filters) and the rule, in id order: one
 * range scan per batch, where looking up a list of ids would cost an index probe per pair. Also returns the last id
 * looked at, kept or not, to resume from.
 */
export async function selectExportRowsAfter(
  q: Queryable,
  condition: { sql: string; params: SqlParams },
  o: { afterId: number; limit: number; rule: ExportRule; vectors: Vectors },
): Promise<{ rows: ExportPairRow[]; lastId: number | null; seen: number }> {
  const p = condition.params.clone();
  const after = p.add(o.afterId);
  const limit = p.add(o.limit);
  const rows = await q.query<ExportPairRow & { kept: boolean }>(
    `SELECT p.id AS ord, ${keepWhere(o.rule, o.vectors, p)} AS kept, ${exportColumns(o.rule, o.vectors)}
       FROM shown_pairs p WHERE ${condition.sql} AND p.id > ${after}::bigint ORDER BY p.id LIMIT ${limit}`,
    p.values,
  );
  return { rows: rows.filter((r) => r.kept), lastId: rows.at(-1)?.id ?? null, seen: rows.length };
}

/** Extra (non-LAION) columns a dataset's pairs carry, in name order: an export writes them all. */
export async function selectExtraColumns(q: Queryable, datasetId: number): Promise<string[]> {
  const rows = await q.query<{ k: string }>(
    `SELECT DISTINCT k FROM shown_pairs, jsonb_object_keys(extra) AS k WHERE dataset_id = $1 AND extra IS NOT NULL ORDER BY k LIMIT 500`,
    [datasetId],
  );
  return rows.map((r) => r.k);
}

/** Whether every pair of a dataset that has an image vector also has a caption vector (then text_emb/ is written). */
export async function selectHasAllText(q: Queryable, datasetId: number): Promise<boolean> {
  const [row] = await q.query<{ missing: boolean; any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM shown_pairs WHERE dataset_id = $1 AND img_emb IS NOT NULL AND txt_emb IS NULL) AS missing,
            EXISTS (SELECT 1 FROM shown_pairs WHERE dataset_id = $1 AND txt_emb IS NOT NULL) AS any`,
    [datasetId],
  );
  return row.any && !row.missing;
}

export async function selectMaxAuditEventId(q: Queryable): Promise<number> {
  const [row] = await q.query<{ id: number | null }>('SELECT max(id) AS id FROM audit_events');
  return row.id ?? 0;
}

interface ExportRowDb {
  id: number; job_id: number | null; state: ExportSummary['state']; format: ExportSummary['format']; request: ExportRequest;
  dataset_id: number | null; rows: number | null; bytes: number | null; error: string | null; created_by: string | null;
  created_by_email: string | null; created_at: Date; finished_at: Date | null; folder: string | null; manifest: { files?: { path: string }[] } | null;
}

const SELECT = `SELECT e.id, e.job_id, e.state, e.format, e.request, e.dataset_id, e.rows, e.bytes, e.error, e.created_by, u.email AS created_by_email,
                       e.created_at, e.finished_at, e.folder, e.manifest
                  FROM exports e LEFT JOIN users u ON u.id = e.created_by`;

export const toExport = (r: ExportRowDb): ExportSummary => ({
  id: r.id, jobId: r.job_id, state: r.state, format: r.format, request: r.request, datasetId: r.dataset_id, rows: r.rows, bytes: r.bytes,
  error: r.error, createdBy: r.created_by, createdByEmail: r.created_by_email, createdAt: r.created_at.toISOString(),
  finishedAt: r.finished_at?.toISOString() ?? null, files: (r.manifest?.files ?? []).map((f) => f.path),
});

export async function insertExport(q: Queryable, e: { request: ExportRequest; createdBy: string | null }): Promise<number> {
  const [row] = await q.query<{ id: number }>('INSERT INTO exports (format, request, created_by) VALUES ($1, $2::jsonb, $3) RETURNING id', [e.request.format, JSON.stringify(e.request), e.createdBy]);
  return row.id;
}

export async function updateExport(q: Queryable, id: number, set: Partial<{ job_id: number; state: string; dataset_id: number; rows: number; bytes: number; folder: string; manifest: unknown; error: string; finished: boolean }>): Promise<void> {
  await q.query(
    `UPDATE exports SET job_id = coalesce($2, job_id), state = coalesce($3, state), dataset_id = coalesce($4, dataset_id), rows = coalesce($5, rows),
            bytes = coalesce($6, bytes), folder = coalesce($7, folder), manifest = coalesce($8::jsonb, manifest), error = coalesce($9, error),
            finished_at = CASE WHEN $10::boolean THEN now() ELSE finished_at END
      WHERE id = $1`,
    [id, set.job_id ?? null, set.state ?? null, set.dataset_id ?? null, set.rows ?? null, set.bytes ?? null, set.folder ?? null,
      set.manifest === undefined ? null : JSON.stringify(set.manifest), set.error ?? null, set.finished ?? false],
  );
}

/** A run starts (or resumes after a shutdown or a lost database): what an interrupted run recorded no longer holds. */
export async function markExportRunning(q: Queryable, id: number, datasetId: number): Promise<void> {
  await q.query(`UPDATE exports SET state = 'running', dataset_id = $2, error = NULL, finished_at = NULL WHERE id = $1`, [id, datasetId]);
}

export async function selectExport(q: Queryable, id: number): Promise<(ExportSummary & { folder: string | null; manifest: unknown }) | null> {
  const [row] = await q.query<ExportRowDb>(`${SELECT} WHERE e.id = $1`, [id]);
  return row ? { ...toExport(row), folder: row.folder, manifest: row.manifest } : null;
}

/** Finished exports, oldest first: the ones whose files a pair hidden since may sit in. */
export async function selectFinishedExports(q: Queryable): Promise<{ id: number; datasetId: number | null; folder: string | null }[]> {
  const rows = await q.query<{ id: number; dataset_id: number | null; folder: string | null }>(`SELECT id, dataset_id, folder FROM exports WHERE state = 'done' ORDER BY id`);
  return rows.map((r) => ({ id: r.id, datasetId: r.dataset_id, folder: r.folder }));
}

export async function selectExports(q: Queryable, limit: number): Promise<ExportSummary[]> {
  return (await q.query<ExportRowDb>(`${SELECT} ORDER BY e.created_at DESC, e.id DESC LIMIT $1`, [limit])).map(toExport);
}
