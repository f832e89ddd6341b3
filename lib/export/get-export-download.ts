// A finished export as one download: its single file as is, or a folder export (npy) as a tar streamed on the fly.
// Never while it holds a pair hidden since it was made: the 'hiding' job rewrites it without, then it downloads again.
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import tar from 'tar-stream';
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Queryable } from '../db/client';
import { findHiddenInExport } from './find-hidden-in-export';
import type { ExportManifest } from './schemas';
import { selectExport } from './sql';

const TYPES: Record<string, string> = {
  '.parquet': 'application/vnd.apache.parquet', '.jsonl': 'application/x-ndjson', '.csv': 'text/csv; charset=utf-8', '.txt': 'text/plain; charset=utf-8',
};

export async function getExportDownload(id: number, q: Queryable = getDb()): Promise<{ body: ReadableStream; type: string; filename: string; bytes?: number }> {
  const e = await selectExport(q, id);
  if (!e) throw new AppError('not_found', `export ${id} does not exist`);
  if (e.state !== 'done' || !e.folder) throw new AppError('conflict', `export ${id} is ${e.state}: there is nothing to download yet`);
  const held = await findHiddenInExport(q, e);
  if (held === null) throw new AppError('conflict', `export ${id}: its files are not where Sieve wrote them (being rewritten right now, or moved away); try again in a minute`);
  if (held.length) throw new AppError('conflict', `export ${id} is being rewritten without pairs hidden since it was made; download it again once that is done`);
  const manifest = e.manifest as ExportManifest;
  const data = manifest.files.filter((f) => f.path !== 'pair-ids.bin');
  if (data.length === 1 && !data[0].path.includes('/')) {
    const file = path.join(e.folder, data[0].path);
    const ext = path.extname(file);
    return { body: Readable.toWeb(createReadStream(file)) as ReadableStream, type: TYPES[ext] ?? 'application/octet-stream', filename: `sieve-export-${id}${ext}`, bytes: (await fs.stat(file)).size };
  }
  const pack = tar.pack();
  void (async () => {
    try {
      for (const f of [...manifest.files.map((x) => x.path), 'manifest.json']) {
        const file = path.join(e.folder!, f);
        const { size } = await fs.stat(file);
        await new Promise<void>((resolve, reject) => {
          const entry = pack.entry({ name: `sieve-export-${id}/${f}`, size }, (err) => (err ? reject(err) : resolve()));
          createReadStream(file).on('error', reject).pipe(entry as unknown as NodeJS.WritableStream);
        });
      }
      pack.finalize();
    } catch (err) {
      pack.destroy(err as Error);
    }
  })();
  // tar-stream's pack is a streamx stream: wrapped, it reads like a Node stream.
  return { body: Readable.toWeb(new Readable().wrap(pack as unknown as NodeJS.ReadableStream)) as ReadableStream, type: 'application/x-tar', filename: `sieve-export-${id}.tar` };
}
