// The ingest batch writer on any database: INSERT … SELECT FROM unnest, idempotent on (dataset, shard, row). Pairs are
// written by lib/pairs alone; lib/ingest reads the source and calls this (or copyPairs on a server).
import type { Queryable } from '../db/client';
import { vectorText } from '../db/pgvector';

/** One image-caption pair, normalised from any LAION-style source, ready to write. */
export interface PairRecord {
  /** Path of the shard this row came from, relative to the ingested root (idempotency key, with sourceRow). */
  sourceFile: string;
  /** 0-based position of the row inside its shard. */
  sourceRow: number;
  url: string | null;
  caption: string | null;
  width: number | null;
  height: number | null;
  similarity: number | null;
  punsafe: number | null;
  pwatermark: number | null;
  aesthetic: number | null;
  /** LAION's violence probability, set by addSignals from imgEmb (lib/signals); absent until then. */
  violence?: number | null;
  license: string | null;
  language: string | null;
  nsfw: string | null;
  hash: string | null;
  sampleId: string | null;
  /** Absolute path of a local image file the app can serve offline. */
  imagePath: string | null;
  /** Columns Sieve has no column for, kept as they came (JSON-safe values: bigint → string). */
  extra: Record<string, unknown> | null;
  /** L2-normalised CLIP image embedding. */
  imgEmb: Float32Array | null;
  /** L2-normalised CLIP text embedding. */
  txtEmb: Float32Array | null;
}

/**
 * One statement per batch, arrays as parameters. Unlike COPY it works on the embedded database
 * too (PGlite dies on COPY FROM STDIN), and ON CONFLICT makes a re-run add nothing.
 */
const INSERT_PAIRS = `
  INSERT INTO pairs (dataset_id, source_file, source_id, source_row, url, caption, domain, width, height, similarity,
                     punsafe, pwatermark, aesthetic, license, language, nsfw, hash, sample_id, image_path,
                     extra, img_emb, txt_emb, violence)
  SELECT $1, t.source_file, $22, t.source_row, t.url, t.caption, t.domain, t.width, t.height, t.similarity,
         t.punsafe, t.pwatermark, t.aesthetic, t.license, t.language, t.nsfw, t.hash, t.sample_id, t.image_path,
         t.extra::jsonb, t.img_emb::halfvec, t.txt_emb::halfvec, t.violence
    FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::int[], $8::int[], $9::real[],
                $10::real[], $11::real[], $12::real[], $13::text[], $14::text[], $15::text[], $16::text[],
                $17::text[], $18::text[], $19::text[], $20::text[], $21::text[], $23::real[])
      AS t(source_file, source_row, url, caption, domain, width, height, similarity, punsafe, pwatermark,
           aesthetic, license, language, nsfw, hash, sample_id, image_path, extra, img_emb, txt_emb, violence)
  ON CONFLICT (dataset_id, source_id, source_row) DO NOTHING`;

/** Hostname without a leading www., for the domain filter and takedowns by domain. */
export function domainOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

/** Writes a batch and returns how many rows were new. */
export async function insertPairs(q: Queryable, datasetId: number, sourceId: string, rows: PairRecord[]): Promise<number> {
  if (rows.length === 0) return 0;
  const col = <T>(f: (r: PairRecord) => T) => rows.map(f);
  const result = await q.query<{ n: number }>(`WITH ins AS (${INSERT_PAIRS} RETURNING 1) SELECT count(*)::int AS n FROM ins`, [
    datasetId,
    col((r) => r.sourceFile),
    col((r) => r.sourceRow),
    col((r) => r.url),
    col((r) => r.caption),
    col((r) => domainOf(r.url)),
    col((r) => r.width),
    col((r) => r.height),
    col((r) => r.similarity),
    col((r) => r.punsafe),
    col((r) => r.pwatermark),
    col((r) => r.aesthetic),
    col((r) => r.license),
    col((r) => r.language),
    col((r) => r.nsfw),
    col((r) => r.hash),
    col((r) => r.sampleId),
    col((r) => r.imagePath),
    col((r) => (r.extra ? JSON.stringify(r.extra) : null)),
    col((r) => vectorText(r.imgEmb)),
    col((r) => vectorText(r.txtEmb)),
    sourceId,
    col((r) => r.violence ?? null),
  ]);
  return result[0].n;
}
