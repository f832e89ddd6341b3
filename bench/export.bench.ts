// Export throughput: a dataset of LAION rows written as Parquet and as CSV by `runExport` in a child process
// (clean rule, hiding rule and flag checks included), with the child's peak RSS: once as Node runs it, once with V8's
// heap capped. Uncapped, V8 lets a heap that allocates quickly grow well past what it holds alive before it collects;
// the capped run, as fast, shows that what the export keeps does not grow with the rows.
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
  /** V8's old-space cap for this run (--max-old-space-size, MiB), or null for Node's default. */
  heapCapMiB: number | null;
  megabytes: number;
}

export const HEAP_CAP_MIB = 128;

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
      for (const cap of [null, HEAP_CAP_MIB]) {
        const args = [...(cap ? [`--max-old-space-size=${cap}`] : []), '--import', 'tsx', 'bench/export-run.ts', t.url, t.kind, format];
        const raw = execFileSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, SIEVE_HOME: tmp.dir } });
        const r = JSON.parse(raw.trim().split('\n').pop()!) as { rows: number; seconds: number; maxRssMiB: number; bytes: number };
        out.push({ format, rows: r.rows, seconds: r.seconds, rowsPerSecond: r.rows / r.seconds, maxRssMiB: r.maxRssMiB, heapCapMiB: cap, megabytes: r.bytes / 1024 ** 2 });
      }
    }
    return out;
  } finally {
    await t.close();
    await tmp.cleanup();
  }
}
