// Ingest throughput: a clip-retrieval embedding folder (parquet + float32 npy) into a fresh dataset,
// HNSW index build included, as `sieve ingest` runs it.
import { rm } from 'node:fs/promises';
import { writeEmbeddingFolder } from '../lib/ingest/__fixtures__/write-laion-parquet';
import { makeTempDir } from '../lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../lib/ingest/ingest-dataset';
import { benchDatabase, type Backend } from './with-databases';

export interface IngestFigures {
  backend: Backend;
  rows: number;
  dim: number;
  seconds: number;
  rowsPerSecond: number;
  /** Files to committed rows, before the index build. */
  loadRowsPerSecond: number;
  indexSeconds: number;
}

export async function benchIngest(backend: Backend, shards: number, rowsPerShard: number, dim = 512): Promise<IngestFigures> {
  const tmp = await makeTempDir('bench-ingest');
  const t = await benchDatabase(backend);
  try {
    await writeEmbeddingFolder(tmp.dir, Array.from({ length: shards }, () => ({ rows: rowsPerShard, dim })));
    process.env.SIEVE_HOME = tmp.dir;
    const start = performance.now();
    const summary = await ingestDataset(t.db, { path: tmp.dir, dataset: 'bench' });
    const seconds = (performance.now() - start) / 1000;
    return { backend, rows: summary.inserted, dim, seconds, rowsPerSecond: summary.inserted / seconds, loadRowsPerSecond: summary.inserted / summary.loadSeconds, indexSeconds: summary.indexSeconds };
  } finally {
    await t.close();
    await rm(tmp.dir, { recursive: true, force: true });
  }
}
