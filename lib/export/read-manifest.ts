// Reads an export's manifest.json and checks the pair-id list beside it against the manifest's hash.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import { hashFile } from './hash-file';
import { PAIR_IDS_FILE, readPairIds } from './pair-ids-file';
import type { ExportManifest } from './schemas';

export async function readManifest(file: string): Promise<ExportManifest> {
  const text = await fs.readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
    throw new AppError('not_found', `${file}: cannot read the manifest (${e.code ?? e.message})`);
  });
  try {
    const m = JSON.parse(text) as ExportManifest;
    if (!m.request || !Array.isArray(m.files)) throw new Error('not a manifest');
    return m;
  } catch {
    throw new AppError('bad_request', `${file}: not a Sieve export manifest (manifest.json of an export)`);
  }
}

/** The ids an export holds, from the pair-ids.bin beside its manifest, verified by its SHA-256. */
export async function readExportedIds(manifestFile: string): Promise<number[]> {
  return readPairIds(await checkPairIdsFile(manifestFile));
}

/** The pair-ids.bin beside a manifest, once its SHA-256 is the manifest's. */
export async function checkPairIdsFile(manifestFile: string): Promise<string> {
  const manifest = await readManifest(manifestFile);
  const entry = manifest.files.find((f) => f.path === PAIR_IDS_FILE);
  const file = path.join(path.dirname(manifestFile), PAIR_IDS_FILE);
  if (!entry) throw new AppError('bad_request', `${manifestFile}: the manifest lists no ${PAIR_IDS_FILE}`);
  const sha = await hashFile(file).catch(() => {
    throw new AppError('not_found', `${file} is missing: a diff needs the export's folder as Sieve wrote it`);
  });
  if (sha !== entry.sha256) throw new AppError('conflict', `${file} does not match its manifest (changed since the export)`);
  return file;
}
