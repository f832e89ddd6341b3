// What /api/health reports: which database, which pgvector, which datasets with how many pairs.
import { getDb } from '../db/get-db';
import type { Db } from '../db/client';
import { checkPgvector } from '../db/check-pgvector';
import { describeDatabase, type DatabaseRole } from '../db/describe-database';
import { findDatasets } from '../datasets/find-datasets';

export interface Health {
  status: 'ok';
  /** kind: the connection's kind; role and label: embedded, the managed local server, a PostgreSQL server or Citus. */
  database: { kind: Db['kind']; role: DatabaseRole; label: string; pgvector: string };
  datasets: { name: string; model: string; dim: number | null; pairs: number }[];
}

export async function getHealth(db: Db = getDb()): Promise<Health> {
  const pgvector = await checkPgvector(db);
  const { role, label } = await describeDatabase(db);
  const datasets = (await findDatasets(db)).map(({ name, model, dim, pairs }) => ({ name, model, dim, pairs }));
  return { status: 'ok', database: { kind: db.kind, role, label, pgvector }, datasets };
}
