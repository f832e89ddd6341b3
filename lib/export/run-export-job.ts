// The 'export' background job: runs the export; a job resumed after a restart starts its files afresh.
import { z } from 'zod';
import type { JobContext } from '../jobs/job-kind';
import { runExport } from './run-export';

export const ExportJobParams = z.object({ exportId: z.number().int().positive() });
export type ExportJobParams = z.infer<typeof ExportJobParams>;

export async function runExportJob(ctx: JobContext<ExportJobParams>) {
  const manifest = await runExport(ctx.db, ctx.params.exportId, {
    signal: ctx.signal,
    onProgress: (done, message) => ctx.progress(done, null, message),
  });
  return { exportId: ctx.params.exportId, rows: manifest.rows, files: manifest.files.length };
}
