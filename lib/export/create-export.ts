// Asks for an export: the export row and its background job, queued together in one transaction.
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import type { Actor } from '../auth/schemas';
import { enqueueJob } from '../jobs/enqueue-job';
import { ExportRequest, type ExportRequestInput, type ExportSummary } from './schemas';
import { insertExport, selectExport, updateExport } from './sql';

export async function createExport(db: Db, actor: Actor, raw: ExportRequestInput): Promise<ExportSummary> {
  if (!actor.id) throw new AppError('unauthorized', 'Sign in to export.');
  const request = ExportRequest.parse(raw);
  const id = await db.tx(async (tx) => {
    const exportId = await insertExport(tx, { request, createdBy: actor.id });
    const { job } = await enqueueJob(tx, { kind: 'export', params: { exportId }, createdBy: actor.id });
    await updateExport(tx, exportId, { job_id: job.id });
    return exportId;
  });
  return (await selectExport(db, id))!;
}
