// The embedded database's size limit through the CLI: an oversized ingest or embed stops before writing with its
// message and exit code, --force goes ahead; a PostgreSQL server takes the same load without being asked.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { writeEmbeddingFolder, writeLaionParquet } from '../ingest/__fixtures__/write-laion-parquet';
import { useTinyClip } from '../search/__fixtures__/use-tiny-clip';
import { main } from './main';

// 70 rows of 16-d vectors (1,120 values) against a limit of 50 such rows.
const LIMIT = String(50 * 16);

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let folder: string;
let bare: string;
const embedded = process.env.SIEVE_TEST_DB === 'embedded';

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('size-guard');
  folder = join(tmp.dir, 'clip-folder');
  await writeEmbeddingFolder(folder, [{ rows: 40, dim: 16 }, { rows: 30, dim: 16 }]);
  bare = join(tmp.dir, 'bare.parquet');
  writeLaionParquet(bare, 70);
  await useTinyClip(join(tmp.dir, 'tiny-32'), 32);
});
afterAll(async () => {
  delete process.env.SIEVE_MODEL_DIR;
  await t?.close();
  await tmp?.cleanup();
});
afterEach(() => {
  vi.restoreAllMocks();
  process.exitCode = undefined;
});

async function sieve(args: string[]): Promise<{ code: number; err: string }> {
  const keys = ['DATABASE_URL', 'SIEVE_DB_KIND', 'SIEVE_HOME', 'SIEVE_EMBEDDED_MAX_VALUES'] as const;
  const saved = keys.map((k) => process.env[k]);
  Object.assign(process.env, { DATABASE_URL: t.url, SIEVE_DB_KIND: t.kind, SIEVE_HOME: tmp.dir, SIEVE_EMBEDDED_MAX_VALUES: LIMIT });
  let err = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await main(args), err };
  } finally {
    vi.restoreAllMocks();
    keys.forEach((k, i) => (saved[i] === undefined ? delete process.env[k] : (process.env[k] = saved[i])));
  }
}

const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(sql, params))[0].n;
const pairsOf = (dataset: string) => count('SELECT count(*)::int AS n FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = $1', [dataset]);

describe('the embedded database size limit', () => {
  it.runIf(embedded)('refuses an oversized ingest before writing anything, and --force loads it', async () => {
    const refused = await sieve(['ingest', folder, '--dataset', 'big']);
    expect(refused.code).toBe(65);
    expect(refused.err).toContain(
      'sieve ingest: after this ingest, dataset "big" would hold 70 rows of 16-d vectors (1,120 values), past the 800 values (50 rows at 16-d) ' +
        'the embedded database holds well: it is single-threaded WebAssembly with 32-bit memory, so its vector index would take very long ' +
        'to build or run out of memory. Run `npm run sieve -- server start` for a local PostgreSQL that Sieve then uses by itself ' +
        '(or set DATABASE_URL to your own server) and run this again; --force ingests into the embedded database anyway',
    );
    expect(await count("SELECT count(*)::int AS n FROM datasets WHERE name = 'big'")).toBe(0);
    expect(await count('SELECT count(*)::int AS n FROM pairs')).toBe(0);

    expect((await sieve(['ingest', folder, '--dataset', 'big', '--force'])).code).toBe(0);
    expect(await pairsOf('big')).toBe(70);
    // A re-run finds every shard done and adds nothing: nothing to refuse.
    expect((await sieve(['ingest', folder, '--dataset', 'big'])).code).toBe(0);
    expect(await pairsOf('big')).toBe(70);
  });

  it.runIf(embedded)('refuses to embed a dataset that would outgrow it, and --force embeds it', async () => {
    expect((await sieve(['ingest', bare, '--dataset', 'bare'])).code).toBe(0);
    const refused = await sieve(['embed', '--dataset', 'bare', '--modality', 'text']);
    expect(refused.code).toBe(65);
    expect(refused.err).toContain('sieve embed: after this embed, dataset "bare" would hold 70 rows of 512-d vectors (35,840 values), past the 800 values (1 rows at 512-d)');
    expect(refused.err).toContain('--force embeds into the embedded database anyway');
    expect(await count('SELECT count(txt_emb)::int AS n FROM pairs')).toBe(0);

    expect((await sieve(['embed', '--dataset', 'bare', '--modality', 'text', '--force'])).code).toBe(0);
    expect(await count('SELECT count(txt_emb)::int AS n FROM pairs')).toBe(70);
  });

  it.skipIf(embedded)('a PostgreSQL server takes the same ingest and embed without --force', async () => {
    const ingest = await sieve(['ingest', folder, '--dataset', 'big']);
    expect(ingest.err).not.toContain('embedded database holds well');
    expect(ingest.code).toBe(0);
    expect(await pairsOf('big')).toBe(70);
    expect((await sieve(['ingest', bare, '--dataset', 'bare'])).code).toBe(0);
    expect((await sieve(['embed', '--dataset', 'bare', '--modality', 'text'])).code).toBe(0);
    expect(await count('SELECT count(txt_emb)::int AS n FROM pairs')).toBe(70);
  });
});
