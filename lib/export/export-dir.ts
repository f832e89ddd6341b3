// Where exports live: one folder per export under the data folder, written under a temporary name first.
import fs from 'node:fs/promises';
import path from 'node:path';
import { dataHome } from '../db/config';

export const exportsRoot = () => path.join(dataHome(), 'exports');
export const exportFolder = (id: number) => path.join(exportsRoot(), String(id));
export const partialFolder = (id: number) => path.join(exportsRoot(), `.partial-${id}-${process.pid}-${Date.now()}`);

/** What a killed run of this export left behind: a re-run starts clean. */
export async function removePartials(id: number): Promise<void> {
  const names = await fs.readdir(exportsRoot()).catch(() => [] as string[]);
  await Promise.all(names.filter((n) => n.startsWith(`.partial-${id}-`)).map((n) => fs.rm(path.join(exportsRoot(), n), { recursive: true, force: true })));
}
