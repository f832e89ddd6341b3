// Export throughput: a dataset of LAION rows written as Parquet and as CSV by `runExport` in a child process
// (clean rule, hiding rule and flag checks included), with the child's peak RSS.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { writeLaionParquet } from '../lib/ingest/__fixtures__/write-laion-parquet';
import { makeTempDir } from '../lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../lib/ingest/ingest-dataset';
import { benchDatabase, type Backend } from './with-databases';

export interface ExportFigures {
  format: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
  maxRssMiB: number;
  megabytes: number;
}

export async function benchExport(backend: Backend, rows: number, formats: string[]): Promise<ExportFigures[]> {
  const tmp = await makeTempDir('bench-export');
  const t = await benchDatabase(backend);
  process.env.SIEVE_HOME = tmp.dir;
  try {
    // Written and ingested in parts, so neither holds a million rows at once.
    const part = 250_000;
    for (let offset = 0; offset < rows; offset += part) {
      const file = join(tmp.dir, `part-${offset}.parquet`);
      writeLaionParquet(file, Math.min(part, rows - offset), { offset });
    }
    await ingestDataset(t.db, { path: tmp.dir, dataset: 'bench' });
    const out: ExportFigures[] = [];
    for (const format of formats) {
      const raw = execFileSync(process.execPath, ['--import', 'tsx', 'bench/export-run.ts', t.url, t.kind, format], { encoding: 'utf8', env: { ...process.env, SIEVE_HOME: tmp.dir } });
      const r = JSON.parse(raw.trim().split('\n').pop()!) as { rows: number; seconds: number; maxRssMiB: number; bytes: number };
      out.push({ format, rows: r.rows, seconds: r.seconds, rowsPerSecond: r.rows / r.seconds, maxRssMiB: r.maxRssMiB, megabytes: r.bytes / 1024 ** 2 });
    }
    return out;
  } finally {
    await t.close();
    await tmp.cleanup();
  }
}
