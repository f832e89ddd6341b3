// The removal list between two finished exports, written next to them and handed out as one file.
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import type { Actor } from '../auth/schemas';
import { diffExports } from './diff-exports';
import { exportsRoot } from './export-dir';
import type { DiffQuery } from './schemas';
import { selectExport } from './sql';

export async function diffExportDownload(db: Db, actor: Actor, q: DiffQuery): Promise<{ body: ReadableStream; type: string; filename: string }> {
  const manifests: string[] = [];
  for (const id of [q.from, q.to]) {
    const e = await selectExport(db, id);
    if (!e) throw new AppError('not_found', `export ${id} does not exist`);
    if (e.state !== 'done' || !e.folder) throw new AppError('conflict', `export ${id} is ${e.state}: only finished exports can be compared`);
    manifests.push(path.join(e.folder, 'manifest.json'));
  }
  const out = path.join(exportsRoot(), `diff-${q.from}-${q.to}-${Date.now()}`);
  const { files } = await diffExports(db, actor, manifests[0], manifests[1], out);
  const file = files.find((f) => f.path.endsWith(q.format === 'csv' ? '.csv' : '.parquet'))!;
  // Made for this download only: gone once it has been read.
  const stream = createReadStream(path.join(out, file.path)).on('close', () => void fs.rm(out, { recursive: true, force: true }));
  return {
    body: Readable.toWeb(stream) as ReadableStream,
    type: q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.apache.parquet',
    filename: `sieve-removed-${q.from}-to-${q.to}.${q.format}`,
  };
}
