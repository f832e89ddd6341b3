// A block list uploaded through the page: written to a temporary file (the parser reads files) and imported.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import type { Actor } from '../auth/schemas';
import type { FlagReason } from '../flags/reasons';
import { importBlockList, type ImportSummary } from './import-block-list';

export async function importUploadedBlockList(db: Db, actor: Actor, o: { name: string; reason?: FlagReason; fileName: string; keepGoing?: boolean }, bytes?: Uint8Array): Promise<ImportSummary> {
  if (!bytes) throw new AppError('bad_request', 'file: attach the block list (text, CSV or Parquet)');
  const ext = /\.(parquet|csv|txt)$/i.exec(o.fileName)?.[0] ?? '.txt';
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sieve-blocklist-'));
  try {
    const file = path.join(dir, `${o.name}${ext}`);
    await fs.writeFile(file, bytes);
    return await importBlockList(db, actor, { name: o.name, file, reason: o.reason, keepGoing: o.keepGoing });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
