// One export by id, or not_found.
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import type { ExportSummary } from './schemas';
import { selectExport } from './sql';

export async function getExport(id: number, q: Queryable = getDb()): Promise<ExportSummary> {
  const e = await selectExport(q, id);
  if (!e) throw new AppError('not_found', `export ${id} does not exist`);
  // The folder is a server path: the API says which files, not where they are.
  const { folder, manifest, ...summary } = e;
  void folder;
  void manifest;
  return summary;
}
