// Reads of the hiding rule for the files outside the database: which pairs of a dataset are hidden (an export's
// download gate), which strings name a hidden pair (masking at rest), and where hidden pairs' images lie on disk.
import type { Queryable } from '../db/client';

/** The pairs of a dataset the rule hides now: few, even where the dataset holds millions. */
export async function selectHiddenPairIdsOf(q: Queryable, datasetId: number): Promise<number[]> {
  const rows = await q.query<{ id: number }>(
    'SELECT DISTINCT h.pair_id AS id FROM hidden_pairs h JOIN pairs p ON p.id = h.pair_id WHERE p.dataset_id = $1 ORDER BY 1',
    [datasetId],
  );
  return rows.map((r) => r.id);
}

/**
 * Of `strings`, those that are a hidden pair's URL, LAION hash or sample id. `urls` reads only hidden_urls (a
 * reference table), which any transaction may read whatever it writes next on Citus; `all` also reads the pairs.
 */
export async function selectHiddenStrings(q: Queryable, strings: string[], scope: 'urls' | 'all'): Promise<Set<string>> {
  const found = new Set<string>();
  if (strings.length === 0) return found;
  // Every audit event asks this: parsed and planned once per connection.
  const urls = await q.query<{ s: string }>('SELECT DISTINCT url AS s FROM hidden_urls WHERE url = ANY($1::text[])', [strings], { prepared: 'sieve_hidden_urls_among' });
  for (const r of urls) found.add(r.s);
  if (scope === 'all') {
    const rows = await q.query<{ url: string | null; hash: string | null; sample_id: string | null }>(
      `SELECT p.url, p.hash, p.sample_id FROM pairs p JOIN hidden_pairs h ON h.pair_id = p.id
        WHERE p.url = ANY($1::text[]) OR p.hash = ANY($1::text[]) OR p.sample_id = ANY($1::text[])`,
      [strings],
    );
    const asked = new Set(strings);
    for (const r of rows) for (const s of [r.url, r.hash, r.sample_id]) if (s !== null && asked.has(s)) found.add(s);
  }
  return found;
}

/** Every hidden pair's URL, hash and sample id, for a long read (a backup, an audit download) that masks as it goes. */
export async function selectAllHiddenStrings(q: Queryable): Promise<Set<string>> {
  const found = new Set<string>();
  for (const r of await q.query<{ s: string }>('SELECT DISTINCT url AS s FROM hidden_urls')) found.add(r.s);
  const rows = await q.query<{ url: string | null; hash: string | null; sample_id: string | null }>(
    'SELECT DISTINCT p.url, p.hash, p.sample_id FROM pairs p JOIN hidden_pairs h ON h.pair_id = p.id',
  );
  for (const r of rows) for (const s of [r.url, r.hash, r.sample_id]) if (s !== null) found.add(s);
  return found;
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
