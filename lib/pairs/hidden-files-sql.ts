// Reads of the hiding rule for the files outside the database: which pairs of a dataset are hidden (an export's
// download gate) and where hidden pairs' images lie on disk. Which strings name a hidden pair: lib/masking.
import type { Queryable } from '../db/client';

/** The pairs of a dataset the rule hides now: few, even where the dataset holds millions. */
export async function selectHiddenPairIdsOf(q: Queryable, datasetId: number): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    'SELECT DISTINCT h.pair_id AS id FROM hidden_pairs h JOIN pairs p ON p.id = h.pair_id WHERE p.dataset_id = $1 ORDER BY 1',
    [datasetId],
  );
  return rows.map((r) => r.id);
}

export interface HiddenImage {
  id: number;
  dataset_id: number;
  image_path: string;
}

/** Hidden pairs that still have a local image, in id order after `afterId`. */
export async function selectHiddenImages(q: Queryable, afterId: number, limit: number): Promise<HiddenImage[]> {
  return q.query<HiddenImage>(
    `SELECT DISTINCT p.id, p.dataset_id, p.image_path FROM pairs p JOIN hidden_pairs h ON h.pair_id = p.id
      WHERE p.image_path IS NOT NULL AND p.id > $1 ORDER BY p.id LIMIT $2`,
    [afterId, limit],
  );
}

export interface HiddenTarSample {
  id: number;
  dataset_id: number;
  dataset: string;
  source_file: string;
  sample_id: string | null;
}

/** Hidden pairs that came from a webdataset tar: ingest extracted their images under the dataset's media folder. */
export async function selectHiddenTarSamples(q: Queryable): Promise<HiddenTarSample[]> {
  return q.query<HiddenTarSample>(
    `SELECT DISTINCT p.id, p.dataset_id, d.name AS dataset, p.source_file, p.sample_id
       FROM pairs p JOIN hidden_pairs h ON h.pair_id = p.id JOIN datasets d ON d.id = p.dataset_id
      WHERE lower(p.source_file) LIKE '%.tar' ORDER BY p.id`,
  );
}

/** Local images of shown pairs, in id order after `afterId`: the images a cached thumbnail may belong to. */
export async function selectShownImagePaths(q: Queryable, afterId: number, limit: number): Promise<{ id: number; image_path: string }[]> {
  return q.query(
    'SELECT p.id, p.image_path FROM shown_pairs p WHERE p.image_path IS NOT NULL AND p.id > $1 ORDER BY p.id LIMIT $2',
    [afterId, limit],
  );
}

/** Of these files, the ones a shown pair still serves as its image (one scan: purge-media runs it once). */
export async function selectShownImageFiles(q: Queryable, files: string[]): Promise<Set<string>> {
  if (files.length === 0) return new Set();
  const rows = await q.query<{ image_path: string }>('SELECT DISTINCT image_path FROM shown_pairs WHERE image_path = ANY($1::text[])', [files]);
  return new Set(rows.map((r) => r.image_path));
}
