// Finds a dataset by name or creates it, recording its CLIP model.
import type { Queryable } from '../db/client';
import { DatasetName, type DatasetRecord } from './schemas';

export const DEFAULT_MODEL = 'Xenova/clip-vit-base-patch32';

/** LAION's two published embedding sizes, mapped to the Transformers.js ports of their models. */
export const MODEL_FOR_DIM: Record<number, string> = {
  512: DEFAULT_MODEL,
  768: 'Xenova/clip-vit-large-patch14',
};

export async function ensureDataset(
  q: Queryable,
  input: { name: string; model?: string; dim?: number | null; source?: string },
): Promise<DatasetRecord> {
  const name = DatasetName.parse(input.name);
  const model = input.model ?? (input.dim ? MODEL_FOR_DIM[input.dim] : undefined) ?? DEFAULT_MODEL;
  await q.query(
    `INSERT INTO datasets (name, model, dim, source) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING`,
    [name, model, input.dim ?? null, input.source ?? null],
  );
  const [row] = await q.query<DatasetRecord>('SELECT id, name, model, dim FROM datasets WHERE name = $1', [name]);
  return row;
}
