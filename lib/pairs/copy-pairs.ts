// The ingest writer on a PostgreSQL server, called by lib/ingest: one binary COPY per shard, vectors as raw float16.
// The shard's transaction still makes it all or nothing, and a finished shard is skipped on re-runs (ingest_shards),
// so COPY's lack of ON CONFLICT loses no idempotency.
import type { Queryable } from '../db/client';
import { BinaryCopyBuffer, COPY_HEADER, COPY_TRAILER } from '../db/binary-copy';
import { domainOf, type PairRecord } from './insert-pairs';

const COLUMNS = `dataset_id, source_file, source_id, source_row, url, caption, domain, width, height, similarity, punsafe,
  pwatermark, aesthetic, license, language, nsfw, hash, sample_id, image_path, extra, img_emb, txt_emb, violence`;

export async function copyPairs(
  q: Required<Queryable>,
  datasetId: number,
  sourceId: string,
  batches: AsyncIterable<PairRecord[]>,
  report: (rowsSeen: number) => void,
): Promise<number> {
  const buf = new BinaryCopyBuffer();
  async function* chunks(): AsyncGenerator<Buffer> {
    yield COPY_HEADER;
    let seen = 0;
    for await (const batch of batches) {
      for (const r of batch) {
        buf.row(23).int4(datasetId).text(r.sourceFile).text(sourceId).int4(r.sourceRow).text(r.url).text(r.caption).text(domainOf(r.url))
          .int4(r.width).int4(r.height).float4(r.similarity).float4(r.punsafe).float4(r.pwatermark).float4(r.aesthetic)
          .text(r.license).text(r.language).text(r.nsfw).text(r.hash).text(r.sampleId).text(r.imagePath)
          .jsonb(r.extra ? JSON.stringify(r.extra) : null).halfvec(r.imgEmb).halfvec(r.txtEmb).float4(r.violence ?? null);
      }
      seen += batch.length;
      report(seen);
      yield buf.take();
    }
    yield COPY_TRAILER;
  }
  return q.copyFrom(`COPY pairs (${COLUMNS}) FROM STDIN (FORMAT binary)`, chunks());
}
