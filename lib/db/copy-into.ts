// COPY FROM STDIN on one connection: the producer's chunks are streamed with backpressure, so reading and decoding
// the next batch overlaps the server writing this one, and memory holds only what is in flight.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export async function copyInto(client: pg.PoolClient, sql: string, chunks: AsyncIterable<Buffer>): Promise<number> {
  const sink = client.query(copyFrom(sql));
  await pipeline(Readable.from(chunks, { objectMode: false }), sink);
  return sink.rowCount ?? 0;
}
