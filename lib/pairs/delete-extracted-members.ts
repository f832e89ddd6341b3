// Images ingest extracted from webdataset tars for pairs that are hidden now, wherever they still lie under the
// data folder's media/<dataset>/<source>/<tar path without .tar>/<key>.<ext>, including copies a re-ingest of the
// same tar extracted again after the pair's own path was forgotten. A file a shown pair serves is never touched (two
// downloads may both hold 00000.tar with the same keys; their images lie in different source folders).
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/client';
import { dataHome } from '../db/config';
import { selectHiddenTarSamples, selectShownImageFiles } from './hidden-files-sql';
import { deleteImageFiles } from './delete-hidden-media';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A directory's entries, none when it is missing. */
const list = (dir: string) => fs.readdir(dir).catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' || e.code === 'ENOTDIR' ? [] : Promise.reject(e)));

/** Under `root`, the path `rel` names, or null when it would lead outside it (a name with ../ from a tar). */
function inside(root: string, rel: string): string | null {
  const abs = path.resolve(root, rel);
  return abs.startsWith(root + path.sep) ? abs : null;
}

export async function deleteExtractedMembers(db: Db): Promise<{ pairIds: number[]; files: number; thumbnails: number }> {
  const samples = await selectHiddenTarSamples(db);
  // Ingest's folders: media/<dataset>/<a key per source folder>/<tar path without .tar>/.
  const byFolder = new Map<string, { id: number; key: string }[]>();
  const sources = new Map<string, string[]>();
  for (const s of samples) {
    const datasetMedia = inside(path.join(dataHome(), 'media'), s.dataset);
    if (!s.sample_id || !datasetMedia) continue;
    if (!sources.has(datasetMedia)) sources.set(datasetMedia, await list(datasetMedia));
    for (const source of sources.get(datasetMedia)!) {
      const folder = inside(path.join(datasetMedia, source), s.source_file.replace(/\.tar$/i, ''));
      if (!folder) continue;
      if (!byFolder.has(folder)) byFolder.set(folder, []);
      byFolder.get(folder)!.push({ id: s.id, key: s.sample_id });
    }
  }
  const found: { id: number; file: string }[] = [];
  for (const [folder, keys] of byFolder) {
    const names = await list(folder);
    for (const { id, key } of keys) {
      // <key>.<ext>, and the <key>.<ext>.<pid>.tmp a killed extraction leaves.
      const member = new RegExp(`^${escape(key)}\\.[^./]+(\\.\\d+\\.tmp)?$`);
      for (const name of names.filter((n) => member.test(n))) found.push({ id, file: path.join(folder, name) });
    }
  }
  const served = await selectShownImageFiles(db, found.map((f) => f.file));
  const out = { pairIds: new Set<number>(), files: 0, thumbnails: 0 };
  for (const { id, file } of found.filter((f) => !served.has(f.file))) {
    const gone = await deleteImageFiles(file);
    out.files += Number(gone.file);
    out.thumbnails += gone.thumbnails;
    if (gone.file) out.pairIds.add(id);
  }
  return { pairIds: [...out.pairIds], files: out.files, thumbnails: out.thumbnails };
}
