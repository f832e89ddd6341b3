// The CLI's commands: each parses its flags with the concept's schema and calls one lib function.
import type { ParseArgsConfig } from 'node:util';
import type { Db } from '../db/client';
import { findDatasets } from '../datasets/find-datasets';
import { embedDataset } from '../embeddings/embed-dataset';
import { ingestDataset } from '../ingest/ingest-dataset';
import { createProgressBar } from './progress-bar';

type Parsed = { values: Record<string, string | boolean | undefined>; positionals: string[] };

interface Command {
  options: NonNullable<ParseArgsConfig['options']>;
  run(db: Db, args: Parsed): Promise<void>;
}

export const USAGE = `usage: npm run sieve -- <command> [options]

commands:
  ingest <path> --dataset <name> [--model <clip model>] [--batch-size <n>] [--keep-going]
      load a LAION metadata parquet, a clip-retrieval embedding folder (metadata/ + img_emb/ [+ text_emb/])
      or img2dataset output (files folders or webdataset .tar shards). Safe to re-run: it adds only what is missing.
  embed --dataset <name> [--modality text|image|both] [--batch-size <n>]
      compute the caption and image embeddings the dataset lacks with the configured CLIP model
      (SIEVE_MODEL_DIR, SIEVE_MODEL, SIEVE_OFFLINE). Resumable: a re-run encodes only what is still missing.
  datasets        list datasets with their pair counts
  migrate         apply pending database migrations

The database is DATABASE_URL when set, else the embedded one under .sieve/ (SIEVE_HOME).
`;

export const COMMANDS: Record<string, Command> = {
  ingest: {
    options: {
      dataset: { type: 'string', short: 'd' },
      model: { type: 'string' },
      'batch-size': { type: 'string' },
      'keep-going': { type: 'boolean' },
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
        },
        { onProgress: (p) => bar.update(p.rowsDone, p.rowsTotal, `shard ${p.shardIndex + 1}/${p.shards} ${p.shard}`) },
      );
      bar.finish();
      const { dataset, kind, shards, skippedShards, inserted, rows, failed, indexes } = summary;
      process.stdout.write(`${dataset}: ${kind}, ${shards} shard(s) (${skippedShards} already done), ${rows} rows read, ${inserted} new\n`);
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
    },
    async run(db, { values }) {
      const bar = createProgressBar();
      const summary = await embedDataset(
        db,
        { dataset: String(values.dataset ?? ''), modality: values.modality as never, batchSize: values['batch-size'] as never },
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
