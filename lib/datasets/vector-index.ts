// The per-dataset HNSW indexes: one partial expression index per dataset and embedding column,
// because an HNSW index needs one fixed dimension and datasets differ (512, 768, 1024).
import type { Queryable } from '../db/client';

export type EmbeddingColumn = 'img_emb' | 'txt_emb';

/** The indexed expression; a query must use exactly this text (and `dataset_id = N`) to use the index. */
export const embeddingExpr = (column: EmbeddingColumn, dim: number) => `(${column}::halfvec(${dim}))`;

export const vectorIndexName = (column: EmbeddingColumn, datasetId: number) => `pairs_${column}_hnsw_d${datasetId}`;

/**
 * Builds the missing indexes for a dataset's embedding columns that hold vectors. Called after a
 * bulk load: building once over all rows is far faster than growing the graph row by row.
 */
export async function ensureVectorIndexes(q: Queryable, datasetId: number, dim: number): Promise<string[]> {
  const built: string[] = [];
  for (const column of ['img_emb', 'txt_emb'] as const) {
    const name = vectorIndexName(column, datasetId);
    const [exists] = await q.query('SELECT 1 FROM pg_indexes WHERE indexname = $1', [name]);
    if (exists) continue;
    const [has] = await q.query(`SELECT 1 FROM pairs WHERE dataset_id = $1 AND ${column} IS NOT NULL LIMIT 1`, [datasetId]);
    if (!has) continue;
    // Identifiers and the dimension are integers we produced, never user text.
    await q.query(
      `CREATE INDEX ${name} ON pairs USING hnsw (${embeddingExpr(column, dim)} halfvec_cosine_ops) WHERE dataset_id = ${datasetId}`,
    );
    built.push(name);
  }
  return built;
}
