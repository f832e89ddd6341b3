// The one read that writes a hidden pair's URL out: every pair the hiding rule hides, with its source and cause,
// for the admin's evidence file (lib/evidence/get-hidden-evidence.ts).
import type { Queryable } from '../db/client';

export interface EvidenceRow {
  source_pair_id: number;
  pair_id: number;
  cause: 'flag' | 'url' | 'lookalike';
  cosine: number | null;
  hidden_at: Date;
  dataset: string;
  source_file: string;
  source_row: number;
  url: string | null;
  caption: string | null;
  hash: string | null;
  sample_id: string | null;
}

/** By source, the source first, then its twins and look-alikes by pair id. */
export async function selectHiddenEvidence(q: Queryable, source: number | null): Promise<EvidenceRow[]> {
  return q.query<EvidenceRow>(
    `SELECT h.source_pair_id, h.pair_id, h.cause, h.cosine, h.hidden_at, d.name AS dataset, p.source_file, p.source_row,
            p.url, p.caption, p.hash, p.sample_id
       FROM hidden_pairs h JOIN pairs p ON p.id = h.pair_id JOIN datasets d ON d.id = p.dataset_id
      WHERE ($1::bigint IS NULL OR h.source_pair_id = $1)
      ORDER BY h.source_pair_id, h.cause <> 'flag', h.pair_id`,
    [source],
  );
}
