// Where exports live: one folder per export under the data folder, written under a temporary name first.
import fs from 'node:fs/promises';
import path from 'node:path';
import { dataHome } from '../db/config';

export const exportsRoot = () => path.join(dataHome(), 'exports');
export const exportFolder = (id: number) => path.join(exportsRoot(), String(id));
/** A temporary folder for export `id`, beside where it will end up (a rename never crosses disks). */
export const partialFolder = (id: number, root = exportsRoot()) => path.join(root, `.partial-${id}-${process.pid}-${Date.now()}`);

/** What a killed run of this export left behind: a re-run starts clean. */
export async function removePartials(id: number, root = exportsRoot()): Promise<void> {
  const names = await fs.readdir(/* turbopackIgnore: true */ root).catch(() => [] as string[]);
  const leftovers = names.filter((n) => n.startsWith(`.partial-${id}-`) || n.startsWith(`.replaced-${id}-`));
  await Promise.all(leftovers.map((n) => fs.rm(path.join(root, n), { recursive: true, force: true })));
}

/**
 * Puts a rewritten export's files where the old ones were (the export's own folder, or where `sieve export --out`
 * placed them): the old folder is moved aside, the new one renamed in, the old one deleted. A download in between
 * finds no files and is told to try again.
 */
export async function replaceFolder(id: number, folder: string, fresh: string): Promise<void> {
  const aside = path.join(path.dirname(folder), `.replaced-${id}-${process.pid}-${Date.now()}`);
  await fs.rename(folder, aside).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'ENOENT') throw e;
  });
  await fs.rename(fresh, folder);
  await fs.rm(aside, { recursive: true, force: true });
}
