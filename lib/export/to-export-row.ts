// A database row as the writers take it; a hidden (suspected CSAM) pair keeps only its id and flags.
import { parseVectorText } from '../db/pgvector';
import type { ExportPairRow } from './sql';
import type { ExportRow } from './writers/types';

export function toExportRow(r: ExportPairRow): ExportRow {
  const extra = r.sieve_flags === null ? r.extra : { ...(r.extra ?? {}), sieve_flags: r.sieve_flags };
  if (r.hidden) {
    // Listed in a removal list by id and reason, and nothing that shows or finds the image.
    return {
      id: r.id, url: null, caption: null, width: null, height: null, similarity: null, punsafe: null, pwatermark: null, aesthetic: null,
      hash: null, license: null, language: null, nsfw: null, sampleId: null, extra: { sieve_flags: r.sieve_flags }, imgEmb: null, txtEmb: null,
    };
  }
  return {
    id: r.id, url: r.url, caption: r.caption, width: r.width, height: r.height, similarity: r.similarity, punsafe: r.punsafe,
    pwatermark: r.pwatermark, aesthetic: r.aesthetic, hash: r.hash, license: r.license, language: r.language, nsfw: r.nsfw,
    sampleId: r.sample_id, extra, imgEmb: parseVectorText(r.img_emb), txtEmb: parseVectorText(r.txt_emb),
  };
}
