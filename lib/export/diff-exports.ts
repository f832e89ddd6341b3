// A removal list: the pairs an earlier export held that a later one doesn't (ids, URLs, hash, key, and the flags that
// took them out), as Parquet and CSV, so whoever mirrored the earlier release can delete them. A hidden pair is never
// on it, nor counted: it is read through shown_pairs, and an export that held one is rewritten without it.
import fs from 'node:fs/promises';
import type { Db } from '../db/client';
import { recordEvent } from '../audit/record-event';
import { describePairFlags } from '../flags/describe-pair-flags';
import type { Actor } from '../auth/schemas';
import { readExportedIds } from './read-manifest';
import { selectExportRows } from './sql';
import { toExportRow } from './to-export-row';
import { openWriter } from './writers/open-writer';
import type { WrittenFile } from './writers/types';

const BATCH = 5_000;

export async function diffExports(db: Db, actor: Actor, oldManifest: string, newManifest: string, outDir: string): Promise<{ removed: number; files: WrittenFile[] }> {
  const [before, after] = [await readExportedIds(oldManifest), new Set(await readExportedIds(newManifest))];
  const removed = before.filter((id) => !after.has(id));
  let listed = 0;
  await fs.mkdir(outDir, { recursive: true });
  const writers = await Promise.all((['parquet', 'csv'] as const).map((f) => openWriter(f, outDir, { extraColumns: ['sieve_flags'] })));
  try {
    for (let i = 0; i < removed.length; i += BATCH) {
      // Every state: a rejected flag did not remove anything, but the list says what the pair carries now.
      const rows = await selectExportRows(db, removed.slice(i, i + BATCH), { keep: 'none' }, { img: false, txt: false });
      const flags = await describePairFlags(db, rows.map((r) => r.id));
      const out = rows.map((r) => {
        const row = toExportRow({ ...r, sieve_flags: flags.get(r.id) ?? null });
        // A removal list says where a pair was, never what it showed.
        return { ...row, caption: null, width: null, height: null, extra: { sieve_flags: flags.get(r.id) ?? null } };
      });
      for (const w of writers) await w.write(out);
      listed += out.length;
    }
    const files = (await Promise.all(writers.map((w) => w.finish()))).flat();
    await recordEvent(db, { actor: actor.id, action: 'export.diff', subject: `export-diff`, ip: actor.ip, details: { oldManifest, newManifest, removed: listed } });
    return { removed: listed, files };
  } catch (err) {
    await Promise.all(writers.map((w) => w.abort().catch(() => undefined)));
    throw err;
  }
}
