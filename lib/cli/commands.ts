// The CLI's commands: each parses its flags with the concept's schema and calls one lib function.
import { readFile } from 'node:fs/promises';
import type { ParseArgsConfig } from 'node:util';
import { AppError } from '../errors/app-error';
import type { Db } from '../db/client';
import { findDatasets } from '../datasets/find-datasets';
import { embedDataset } from '../embeddings/embed-dataset';
import { ingestDataset } from '../ingest/ingest-dataset';
import { SearchQuery } from '../search/schemas';
import { searchPairs } from '../search/search-pairs';
import { computeDatasetSignals } from '../signals/compute-dataset-signals';
import { suggestFlags } from '../signals/suggest-flags';
import { createProgressBar } from './progress-bar';
import { BACKUP_USAGE, runBackupCommand, runRestoreCommand } from './backup-command';
import { BLOCKLIST_OPTIONS, BLOCKLIST_USAGE, runBlocklistCommand } from './blocklist-command';
import { EVIDENCE_OPTIONS, EVIDENCE_USAGE, runEvidenceCommand } from './evidence-command';
import { EXPORT_OPTIONS, EXPORT_USAGE, runExportCommand } from './export-command';
import { FLAG_OPTIONS, FLAG_USAGE, runFlagCommand, runPurgeMedia } from './flag-commands';
import { runServerCommand, SERVER_OPTIONS, SERVER_USAGE } from './server-command';
import { runUserCommand, USER_OPTIONS, USER_USAGE } from './user-commands';
import { runWorkerCommand, WORKER_USAGE } from './worker-command';

type Parsed = { values: Record<string, string | boolean | undefined>; positionals: string[] };

type Command =
  | { options: NonNullable<ParseArgsConfig['options']>; database?: true; run(db: Db, args: Parsed): Promise<void> }
  // Commands that manage the database itself: main() opens none for them.
  | { options: NonNullable<ParseArgsConfig['options']>; database: false; run(db: null, args: Parsed): Promise<void> };

export const USAGE = `usage: npm run sieve -- <command> [options]

commands:
  ingest <path> --dataset <name> [--model <clip model>] [--batch-size <n>] [--keep-going] [--force]
      load a LAION metadata parquet, a clip-retrieval embedding folder (metadata/ + img_emb/ [+ text_emb/])
      or img2dataset output (files folders or webdataset .tar shards). Safe to re-run: it adds only what is missing.
      Into the embedded database, a dataset past 20,000 512-d rows (rows × dimension 10.2 M,
      SIEVE_EMBEDDED_MAX_VALUES) is refused before anything is written: use \`server start\`, or --force
  embed --dataset <name> [--modality text|image|both] [--batch-size <n>] [--force]
      compute the caption and image embeddings the dataset lacks with the configured CLIP model
      (SIEVE_MODEL_DIR, SIEVE_MODEL, SIEVE_OFFLINE). Resumable: a re-run encodes only what is still missing.
      The embedded database's size limit applies as for ingest.
  signals --dataset <name> [--batch-size <n>]
      score the pairs' image embeddings with LAION's models (CLIP ViT-B/32 or ViT-L/14): violence, and aesthetic
      and punsafe where the source had none. Ingest does this for new rows; run it after embed or an upgrade.
      Resumable: a re-run scores only what is still missing.
  suggest --dataset <name> [--punsafe <0..1>] [--violence <0..1>] [--pwatermark <0..1>] [--no-pii]
      raise suggestions for /review (open flags marked as Sieve's): scores above their thresholds (default 0.9 each,
      or SIEVE_SUGGEST_PUNSAFE / _VIOLENCE / _PWATERMARK) and captions holding e-mail addresses, phone numbers
      (national ones read as SIEVE_PII_PHONE_COUNTRY, default US), payment cards or IBANs. Re-runs add no duplicates.
  search [--dataset <name>] [--text <words> | --image <file> | --image-url <url> | --pair <id>] [--keyword <words>]
         [--modality image|text] [--limit <n>] [--json]
      the search the web page runs (same filters as POST /api/search via --filters '<json>'); prints id, score, caption
${EXPORT_USAGE}
${BLOCKLIST_USAGE}
${FLAG_USAGE}
${EVIDENCE_USAGE}
${USER_USAGE}
${SERVER_USAGE}
${BACKUP_USAGE}
${WORKER_USAGE}
  datasets        list datasets with their pair counts
  migrate         apply pending database migrations

The database is DATABASE_URL when set, else the local server \`server start\` recorded, else the embedded one,
both under .sieve/ (SIEVE_HOME).
An error is one line on stderr; --verbose (anywhere on the line, any command) adds its stack and cause.

exit codes:
  0   done
  64  unknown command or flag
  65  bad input (file, row or flag value), or some shards or pairs failed (listed above the summary)
  66  not found (dataset, pair, file)
  69  unavailable: database not reachable (refused, lost, shut down), no CLIP weights for embed
      or semantic search
  70  unexpected error: re-run with --verbose and report it
  71  the database server ran out of memory
  74  the database server's disk is full
  75  try again: statement cancelled (statement_timeout, pg_cancel_backend), deadlock or
      serialization failure, lock held elsewhere, no free connections, embedded database in use
  77  not allowed
  78  database setup: pgvector ≥ 0.7 missing (at start-up or in a statement), DATABASE_URL's login
      or database rejected, read-only server
`;

export const COMMANDS: Record<string, Command> = {
  ingest: {
    options: {
      dataset: { type: 'string', short: 'd' },
      model: { type: 'string' },
      'batch-size': { type: 'string' },
      'keep-going': { type: 'boolean' },
      force: { type: 'boolean' },
    },
    async run(db, { values, positionals }) {
      const bar = createProgressBar();
      const summary = await ingestDataset(
        db,
        {
          path: positionals[0] ?? '',
          dataset: String(values.dataset ?? ''),
          model: values.model as string | undefined,
          batchSize: values['batch-size'] as string | undefined as never,
          keepGoing: Boolean(values['keep-going']),
          force: Boolean(values.force),
        },
        { onProgress: (p) => bar.update(p.rowsDone, p.rowsTotal, `shard ${p.shardIndex + 1}/${p.shards} ${p.shard}`) },
      );
      bar.finish();
      const { dataset, kind, shards, skippedShards, inserted, rows, failed, indexes, blocked, signals } = summary;
      process.stdout.write(`${dataset}: ${kind}, ${shards} shard(s) (${skippedShards} already done), ${rows} rows read, ${inserted} new${signals ? `, ${signals} scored with LAION's signals` : ''}${blocked ? `, ${blocked} flagged by block lists` : ''}\n`);
      if (indexes.length) process.stdout.write(`built ${indexes.join(', ')}\n`);
      for (const f of failed) process.stderr.write(`failed: ${f.message}\n`);
      if (failed.length) process.exitCode = 65;
    },
  },
  embed: {
    options: {
      dataset: { type: 'string', short: 'd' },
      modality: { type: 'string' },
      'batch-size': { type: 'string' },
      force: { type: 'boolean' },
    },
    async run(db, { values }) {
      const bar = createProgressBar();
      const summary = await embedDataset(
        db,
        { dataset: String(values.dataset ?? ''), modality: values.modality as never, batchSize: values['batch-size'] as never, force: Boolean(values.force) },
        { onProgress: (p) => bar.update(p.done, p.total, `${p.modality} embeddings`) },
      );
      bar.finish();
      const { dataset, model, dim, text, image, failed, indexes } = summary;
      process.stdout.write(`${dataset}: ${text} caption and ${image} image embeddings written (${model}${dim ? `, ${dim}-d` : ''})\n`);
      if (indexes.length) process.stdout.write(`built ${indexes.join(', ')}\n`);
      for (const f of failed) process.stderr.write(`failed: pair ${f.pairId}: ${f.message}\n`);
      if (failed.length) process.exitCode = 65;
    },
  },
  signals: {
    options: {
      dataset: { type: 'string', short: 'd' },
      'batch-size': { type: 'string' },
    },
    async run(db, { values }) {
      const bar = createProgressBar();
      const summary = await computeDatasetSignals(
        db,
        { dataset: String(values.dataset ?? ''), batchSize: values['batch-size'] as never },
        { onProgress: (p) => bar.update(p.done, p.total, 'LAION signals') },
      );
      bar.finish();
      const { dataset, dim, scored, aestheticFilled, punsafeFilled, note } = summary;
      process.stdout.write(`${dataset}: ${scored} pairs scored${dim ? ` (${dim}-d)` : ''}; aesthetic filled in for ${aestheticFilled}, punsafe for ${punsafeFilled}${note ? `; ${note}` : ''}\n`);
    },
  },
  suggest: {
    options: {
      dataset: { type: 'string', short: 'd' },
      punsafe: { type: 'string' },
      violence: { type: 'string' },
      pwatermark: { type: 'string' },
      'no-pii': { type: 'boolean' },
    },
    async run(db, { values }) {
      const thresholds = Object.fromEntries((['punsafe', 'violence', 'pwatermark'] as const).filter((k) => values[k] !== undefined).map((k) => [k, Number(values[k])]));
      const summary = await suggestFlags(db, {
        dataset: String(values.dataset ?? ''),
        thresholds,
        pii: values['no-pii'] !== true,
        onProgress: (step, n) => process.stderr.write(`\r${step}: ${n} new suggestion(s)   `),
      });
      process.stderr.write('\n');
      const lines = Object.entries(summary.byRule).map(([rule, n]) => `  ${rule}: ${n}`);
      process.stdout.write(`${summary.dataset}: ${summary.total} new suggestion(s) for review\n${lines.join('\n')}\n`);
    },
  },
  search: {
    options: {
      dataset: { type: 'string', short: 'd' },
      text: { type: 'string' },
      keyword: { type: 'string' },
      image: { type: 'string' },
      'image-url': { type: 'string' },
      pair: { type: 'string' },
      modality: { type: 'string' },
      limit: { type: 'string' },
      filters: { type: 'string' },
      json: { type: 'boolean' },
    },
    async run(db, { values: v }) {
      const filters = v.filters ? (parseJsonFlag(String(v.filters), '--filters') as object) : {};
      const image = v.image === undefined ? undefined : await readImageFlag(String(v.image));
      // The command line is this search's edge: its request is parsed here, once.
      const query = SearchQuery.parse({
        ...filters,
        ...defined({ dataset: v.dataset, text: v.text, keyword: v.keyword, imageUrl: v['image-url'], modality: v.modality }),
        ...(v.pair === undefined ? {} : { pairId: Number(v.pair) }),
        ...(v.limit === undefined ? {} : { limit: Number(v.limit) }),
      });
      const res = await searchPairs({ ...query, image }, db);
      if (v.json) return void process.stdout.write(`${JSON.stringify(res, null, 2)}\n`);
      if (res.notice) process.stderr.write(`${res.notice}\n`);
      for (const h of res.hits) process.stdout.write(`${h.id}\t${h.score === null ? '' : h.score.toFixed(4)}\t${JSON.stringify(h.caption)}\n`);
      process.stderr.write(`${res.hits.length} hits in ${res.dataset.name} (${res.mode}, ${res.tookMs} ms)\n`);
    },
  },
  blocklist: { options: BLOCKLIST_OPTIONS, run: (db, { values, positionals }) => runBlocklistCommand(db, values, positionals) },
  export: { options: EXPORT_OPTIONS, run: (db, { values, positionals }) => runExportCommand(db, values, positionals) },
  flag: { options: FLAG_OPTIONS, run: (db, { values }) => runFlagCommand(db, values) },
  'purge-media': { options: { reason: { type: 'string' } }, run: (db, { values }) => runPurgeMedia(db, values) },
  'hidden-evidence': { options: EVIDENCE_OPTIONS, run: (db, { values }) => runEvidenceCommand(db, values) },
  user: {
    options: USER_OPTIONS,
    run: (db, { values, positionals }) => runUserCommand(db, values, positionals),
  },
  backup: { options: {}, run: (db, { positionals }) => runBackupCommand(db, positionals) },
  restore: { options: {}, run: (db, { positionals }) => runRestoreCommand(db, positionals) },
  worker: { options: {}, run: (db) => runWorkerCommand(db) },
  server: { options: SERVER_OPTIONS, database: false, run: (_db, { positionals }) => runServerCommand(positionals) },
  datasets: {
    options: {},
    async run(db) {
      for (const d of await findDatasets(db)) {
        process.stdout.write(`${d.name}\t${d.pairs} pairs\t${d.model}${d.dim ? ` (${d.dim}-d)` : ''}\n`);
      }
    },
  },
  migrate: {
    options: {},
    async run() {
      // main() has already migrated before running any command.
      process.stdout.write('database is up to date\n');
    },
  },
};

const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));

function parseJsonFlag(text: string, flag: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('bad_request', `${flag} must be JSON, e.g. '{"punsafeMax":0.1}'`);
  }
}

async function readImageFlag(file: string): Promise<Uint8Array> {
  return readFile(file).catch((e: NodeJS.ErrnoException) => {
    throw new AppError('not_found', `--image: cannot read ${file} (${e.code ?? e.message})`);
  });
}
