// Backup and restore at scale: a dataset with a flag and an audit event on every pair (a third of the flags
// decided) is backed up, restored into a fresh database that ingested the same file, and restored again (the
// idempotent pass: every row looked up, none written). Prints seconds and the file's size.
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { cliActor } from '../lib/auth/cli-actor';
import { restoreBackup } from '../lib/backup/restore-backup';
import { writeBackup } from '../lib/backup/write-backup';
import { writeLaionParquet } from '../lib/ingest/__fixtures__/write-laion-parquet';
import { makeTempDir } from '../lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../lib/ingest/ingest-dataset';
import { benchDatabase, type Backend } from './with-databases';

export interface BackupFigures {
  backend: Backend;
  flags: number;
  auditEvents: number;
  backupSeconds: number;
  megabytes: number;
  restoreSeconds: number;
  rerunSeconds: number;
}

const seconds = async (fn: () => Promise<unknown>) => {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
};

export async function benchBackup(backend: Backend, rows: number): Promise<BackupFigures> {
  const tmp = await makeTempDir('bench-backup');
  const from = await benchDatabase(backend);
  let to: Awaited<ReturnType<typeof benchDatabase>> | undefined;
  try {
    writeLaionParquet(join(tmp.dir, 'rows.parquet'), rows);
    await ingestDataset(from.db, { path: join(tmp.dir, 'rows.parquet'), dataset: 'bench' });
    // Set up in SQL: how the flags came to be is not what is measured.
    await from.db.query(
      `INSERT INTO flags (pair_id, reason, note, state, origin, created_by, decided_by, decided_at)
       SELECT id, 'watermark', 'bench', CASE WHEN id % 3 = 0 THEN 'confirmed' ELSE 'open' END, 'human', 'bench-curator',
              CASE WHEN id % 3 = 0 THEN 'bench-reviewer' END, CASE WHEN id % 3 = 0 THEN now() END FROM pairs`,
    );
    await from.db.query(
      `INSERT INTO audit_events (actor, action, subject, details, dataset_id)
       SELECT f.created_by, 'flag.create', 'pair:' || f.pair_id, jsonb_build_object('flagId', f.id, 'reason', f.reason), p.dataset_id
         FROM flags f JOIN pairs p ON p.id = f.pair_id`,
    );
    const file = join(tmp.dir, 'bench.backup.gz');
    const backupSeconds = await seconds(() => writeBackup(from.db, file));
    to = await benchDatabase(backend);
    await ingestDataset(to.db, { path: join(tmp.dir, 'rows.parquet'), dataset: 'bench' });
    const restoreSeconds = await seconds(() => restoreBackup(to!.db, cliActor(), file));
    const rerunSeconds = await seconds(() => restoreBackup(to!.db, cliActor(), file));
    return { backend, flags: rows, auditEvents: rows, backupSeconds, megabytes: (await stat(file)).size / 1e6, restoreSeconds, rerunSeconds };
  } finally {
    await from.close();
    await to?.close();
    await tmp.cleanup();
  }
}
