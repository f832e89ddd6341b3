// The end-to-end server: the demo as the README starts it (`npm run demo`: production build, embedded database),
// on a fresh data folder that also holds the e2e fixtures. The real CLIP weights can't be downloaded here, so a
// generated tiny CLIP is the encoder: the demo's own background jobs embed its datasets with it.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { toAppError } from '../lib/errors/to-app-error';
import { migrate } from '../lib/db/migrate';
import { openDatabase } from '../lib/db/open-database';
import { embedDataset } from '../lib/embeddings/embed-dataset';
import { generateTinyClip } from '../lib/embeddings/__fixtures__/generate-tiny-clip';
import { writeHostileFolder } from '../e2e/fixtures/write-hostile-folder';
import { writeLaionParquet } from '../lib/ingest/__fixtures__/write-laion-parquet';
import { ingestDataset } from '../lib/ingest/ingest-dataset';

const log = (m: string) => console.error(`[e2e-server] ${m}`);

async function prepare(home: string): Promise<string> {
  const model = await generateTinyClip(path.join(home, 'tiny-clip'));
  process.env.SIEVE_MODEL_DIR = model;
  const open = await openDatabase();
  try {
    await migrate(open.db);
    await ingestDataset(open.db, { path: 'e2e/fixtures/curation', dataset: 'e2e-curation' });
    const s = await embedDataset(open.db, { dataset: 'e2e-curation' });
    log(`e2e-curation: ${s.text} caption and ${s.image} image embeddings`);
    // The same fixtures once more, never embedded: what a dataset looks like before `sieve embed`.
    await ingestDataset(open.db, { path: 'e2e/fixtures/curation', dataset: 'e2e-bare' });
    // More rows than one request flags at once, so flagging all of a search runs as a background job.
    writeLaionParquet(path.join(home, 'bulk.parquet'), 1_500);
    await ingestDataset(open.db, { path: path.join(home, 'bulk.parquet'), dataset: 'e2e-bulk' });
    // What a scrape can hand Sieve at its worst (e2e/hostile.spec.ts opens every page that shows pairs over it).
    const hostile = writeHostileFolder(path.join(home, 'hostile'), 'e2e/fixtures/curation/00000/000000000.png');
    await ingestDataset(open.db, { path: hostile, dataset: 'e2e-hostile' });
  } finally {
    await open.close();
  }
  return model;
}

async function main(): Promise<void> {
  const home = process.env.SIEVE_HOME;
  if (!home) throw new Error('SIEVE_HOME must name a fresh folder for the end-to-end database');
  const model = await prepare(home);
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', 'demo'], { stdio: 'inherit', env: {
      ...process.env,
      SIEVE_MODEL_DIR: model,
      // The tests stand in for a proxy in front of Sieve: each says which address it comes from (X-Forwarded-For), so
      // limits per address (sign-in, the opt-out form) count each test apart.
      SIEVE_TRUSTED_PROXIES: '1',
    },
  });
  const stop = () => server.kill('SIGTERM');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  server.on('exit', (code) => process.exit(code ?? 0));
}

main().catch((err) => {
  const e = toAppError(err);
  console.error(`e2e-server: ${e.code === 'internal' ? String(err) : e.message}`);
  process.exit(1);
});
