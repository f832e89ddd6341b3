// Asks for an export: the export row and its background job, queued together in one transaction.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import type { Actor } from '../auth/schemas';
import { enqueueJob } from '../jobs/enqueue-job';
import type { ExportRequest, ExportSummary } from './schemas';
import { insertExport, selectExport, updateExport } from './sql';

/** `request` is parsed by its edge (the route); the job reads it back from the export's row. */
export async function createExport(db: Db, actor: Actor, request: ExportRequest): Promise<ExportSummary> {
  if (!actor.id) throw new AppError('unauthorized', 'Sign in to export.');
  const id = await db.tx(async (tx) => {
    const exportId = await insertExport(tx, { request, createdBy: actor.id });
    const { job } = await enqueueJob(tx, { kind: 'export', params: { exportId }, createdBy: actor.id });
    await updateExport(tx, exportId, { job_id: job.id });
    return exportId;
  });
  return (await selectExport(db, id))!;
}
