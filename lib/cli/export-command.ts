// `sieve export`: the same exports as /exports, run in this process with a progress bar, placed where --out says;
// `--manifest` re-runs an export, `--diff` writes the removal list between two.
import fs from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { cliActor } from '../auth/cli-actor';
import { diffExports } from '../export/diff-exports';
import { exportFolder } from '../export/export-dir';
import { readManifest } from '../export/read-manifest';
import { runExport } from '../export/run-export';
import { ExportRequest, type ExportRequestInput } from '../export/schemas';
import { insertExport, updateExport } from '../export/sql';
import { createProgressBar } from './progress-bar';

export const EXPORT_USAGE = `  export --dataset <name> [--text <words> | --keyword <words>] [--filters '<json>'] [--k <n>]
         [--exclude clean|strict|none | --only-flagged <reason,…|all> [--states open,confirmed,rejected]]
         --format parquet|jsonl|csv|urls|npy --out <folder> [--shard-rows <n>]
      export pairs (clean by default: no pair with a confirmed flag; never suspected CSAM) with a manifest.json
  export --manifest <manifest.json> --out <folder>      make an export again from its manifest
  export --diff <old manifest.json> <new manifest.json> --out <folder>
      the removal list: pairs in the old export and not in the new one, as Parquet and CSV`;

export const EXPORT_OPTIONS = {
  dataset: { type: 'string', short: 'd' },
  text: { type: 'string' },
  keyword: { type: 'string' },
  filters: { type: 'string' },
  k: { type: 'string' },
  exclude: { type: 'string' },
  'only-flagged': { type: 'string' },
  states: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'shard-rows': { type: 'string' },
  manifest: { type: 'string' },
  diff: { type: 'string' },
} as const;

type Values = Record<string, string | boolean | undefined>;

function requestOf(v: Values): ExportRequestInput {
  let filters: object = {};
  try {
    filters = v.filters ? (JSON.parse(String(v.filters)) as object) : {};
  } catch {
    throw new AppError('bad_request', `--filters must be JSON, e.g. '{"punsafeMax":0.1}'`);
  }
  if (!v.dataset) throw new AppError('bad_request', 'give the dataset with --dataset <name> (or --manifest, or --diff)');
  const searched = v.text || v.keyword || Object.keys(filters).length > 0;
  const source = searched
    ? { kind: 'query' as const, query: { ...filters, dataset: String(v.dataset), ...(v.text ? { text: String(v.text) } : {}), ...(v.keyword ? { keyword: String(v.keyword) } : {}) }, ...(v.k ? { k: Number(v.k) } : {}) }
    : { kind: 'dataset' as const, dataset: String(v.dataset) };
  const only = v['only-flagged'] ? String(v['only-flagged']) : undefined;
  const rule = only
    ? { keep: 'flagged' as const, ...(only === 'all' ? {} : { reasons: only.split(',') }), ...(v.states ? { states: String(v.states).split(',') } : {}) }
    : { keep: (v.exclude ?? 'clean') as 'clean' };
  return { source, rule, format: v.format, ...(v['shard-rows'] ? { shardRows: Number(v['shard-rows']) } : {}) } as ExportRequestInput;
}

/** Moves (or, across disks, copies) the finished export's files into --out. */
async function place(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(path.resolve(to)), { recursive: true });
  const existing = await fs.readdir(to).catch(() => null);
  if (existing && existing.length > 0) throw new AppError('conflict', `--out ${to} exists and is not empty`);
  await fs.rm(to, { recursive: true, force: true });
  await fs.rename(from, to).catch(async () => {
    await fs.cp(from, to, { recursive: true });
    await fs.rm(from, { recursive: true, force: true });
  });
}

export async function runExportCommand(db: Db, v: Values, positionals: string[]): Promise<void> {
  const out = v.out ? String(v.out) : undefined;
  if (!out) throw new AppError('bad_request', 'give the folder to write with --out <folder>');
  if (v.diff) {
    const r = await diffExports(db, cliActor(), String(v.diff), positionals[0] ?? '', out);
    return void process.stdout.write(`${r.removed} pairs removed; written ${r.files.map((f) => path.join(out, f.path)).join(', ')}\n`);
  }
  const request = ExportRequest.parse(v.manifest ? (await readManifest(String(v.manifest))).request : requestOf(v));
  const id = await insertExport(db, { request, createdBy: cliActor().id });
  const bar = createProgressBar();
  const manifest = await runExport(db, id, { onProgress: (done) => bar.update(done, done, 'pairs read') });
  bar.finish();
  await place(exportFolder(id), out);
  // The export's record follows its files, so /exports can still hand them out.
  await updateExport(db, id, { folder: path.resolve(out) });
  process.stdout.write(`export ${id}: ${manifest.rows} rows (${manifest.excluded.byRule} left out by the rule, ${manifest.excluded.hidden} withheld) in ${out}\n`);
  for (const note of manifest.notes) process.stderr.write(`note: ${note}\n`);
}
