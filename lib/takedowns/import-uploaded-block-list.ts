// A block list uploaded through the page: checked (its list name, its file name, who may import it), then written
// under a name Sieve makes in a fresh folder under Sieve's data folder (the parser reads files), imported, removed.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { dataHome } from '../db/config';
import type { Actor } from '../auth/schemas';
import { importBlockList, type ImportSummary } from './import-block-list';
import { ImportBlockListInput } from './schemas';

export async function importUploadedBlockList(db: Db, actor: Actor, raw: ImportBlockListInput, bytes?: Uint8Array): Promise<ImportSummary> {
  // Again here, not only at the route: the CLI and tests call this too, and nothing touches the disk before it.
  const o = ImportBlockListInput.parse(raw);
  if (!bytes) throw new AppError('bad_request', 'file: attach the block list (text, CSV or Parquet)');
  const ext = /\.(parquet|csv|txt)$/i.exec(o.fileName)?.[0].toLowerCase() ?? '.txt';
  const root = path.join(dataHome(), 'uploads');
  await fs.mkdir(root, { recursive: true });
  const dir = await fs.mkdtemp(path.join(root, 'blocklist-'));
  try {
    const file = path.join(dir, `list${ext}`);
    await fs.writeFile(file, bytes, { flag: 'wx', mode: 0o600 });
    return await importBlockList(db, actor, { name: o.name, file, reason: o.reason, authority: o.authority, keepGoing: o.keepGoing, source: o.fileName });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
