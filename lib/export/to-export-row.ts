// A database row as the writers take it (read through shown_pairs: no hidden pair ever reaches here).
import { parseVectorText } from '../db/pgvector';
import type { ExportPairRow } from './sql';
import type { ExportRow } from './writers/types';

export function toExportRow(r: ExportPairRow): ExportRow {
  const extra = r.sieve_flags === null ? r.extra : { ...(r.extra ?? {}), sieve_flags: r.sieve_flags };
  return {
    id: r.id, url: r.url, caption: r.caption, width: r.width, height: r.height, similarity: r.similarity, punsafe: r.punsafe,
    pwatermark: r.pwatermark, aesthetic: r.aesthetic, hash: r.hash, license: r.license, language: r.language, nsfw: r.nsfw,
    sampleId: r.sample_id, extra, imgEmb: parseVectorText(r.img_emb), txtEmb: parseVectorText(r.txt_emb),
  };
}
