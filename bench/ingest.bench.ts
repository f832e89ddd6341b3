// Ingest throughput: a clip-retrieval folder of CLIP-like float16 vectors into a fresh dataset, in its own process
// (peak RSS is the ingest's), load and HNSW build timed apart, as `sieve ingest` runs it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { makeTempDir } from '../lib/ingest/__fixtures__/make-temp-dir';
import { benchDatabase, type Backend } from './with-databases';
import { clipLikeSpace, writeClipLikeFolder } from './write-clip-like-folder';

export interface IngestFigures {
  backend: Backend;
  rows: number;
  dim: number;
  /** Files to committed rows, before the index build. */
  loadSeconds: number;
  loadRowsPerSecond: number;
  indexSeconds: number;
  maxRssMiB: number;
}

export async function benchIngest(backend: Backend, rows: number, dim = 512): Promise<IngestFigures> {
  const tmp = await makeTempDir('bench-ingest');
  const t = await benchDatabase(backend);
  try {
    await writeClipLikeFolder(tmp.dir, rows, clipLikeSpace(dim));
    // Not execFileSync: the embedded database is served from this process's event loop, which must keep running.
    const { stdout: raw } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/ingest-run.ts', t.url, t.kind, tmp.dir], {
      encoding: 'utf8',
      env: { ...process.env, SIEVE_HOME: tmp.dir },
      maxBuffer: 1 << 24,
    });
    const r = JSON.parse(raw.trim().split('\n').pop()!) as { rows: number; loadSeconds: number; indexSeconds: number; maxRssMiB: number };
    return { backend, dim, rows: r.rows, loadSeconds: r.loadSeconds, loadRowsPerSecond: r.rows / r.loadSeconds, indexSeconds: r.indexSeconds, maxRssMiB: r.maxRssMiB };
  } finally {
    await t.close();
    await tmp.cleanup();
  }
}
