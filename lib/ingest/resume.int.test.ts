// A run killed half-way and started again ends with exactly the right rows: driven through the real CLI.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { REPO_ROOT } from '../../test/shared-data';
import { writeEmbeddingFolder } from './__fixtures__/write-laion-parquet';

const SHARDS = 6;
const ROWS = 3000;

let t: TestDatabase;
let root: string;
beforeAll(async () => {
  t = await createTestDatabase();
  root = await mkdtemp(join(os.tmpdir(), 'sieve-resume-'));
  await writeEmbeddingFolder(root, Array.from({ length: SHARDS }, () => ({ rows: ROWS, dim: 32 })));
});
afterAll(async () => {
  await t?.close();
  await rm(root, { recursive: true, force: true });
});

function cli(args: string[]): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: t.url, SIEVE_DB_KIND: t.kind, SIEVE_HOME: root },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

const exited = (p: ChildProcess) => new Promise<number | null>((resolve) => p.on('exit', (code) => resolve(code)));

const counts = async () => {
  const [r] = await t.db.query<{ pairs: number; shards: number; distinct_keys: number }>(
    `SELECT (SELECT count(*) FROM pairs)::int AS pairs, (SELECT count(*) FROM ingest_shards)::int AS shards,
            (SELECT count(DISTINCT (source_id, source_row)) FROM pairs)::int AS distinct_keys`,
  );
  return r;
};

describe('kill and resume', () => {
  it('keeps whole shards only, and the second run completes exactly', async () => {
    // Small batches make each shard take several statements, so the kill lands inside one.
    const first = cli(['ingest', root, '--dataset', 'resume', '--batch-size', '200']);
    const deadline = Date.now() + 120_000;
    while ((await counts()).shards < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    first.kill('SIGKILL');
    await exited(first);

    const killed = await counts();
    expect(killed.shards).toBeGreaterThanOrEqual(2);
    expect(killed.shards).toBeLessThan(SHARDS);
    expect(killed.pairs).toBe(killed.shards * ROWS);

    const second = cli(['ingest', root, '--dataset', 'resume', '--batch-size', '200']);
    let out = '';
    second.stdout!.on('data', (d) => (out += d));
    expect(await exited(second)).toBe(0);
    expect(out).toContain(`(${killed.shards} already done)`);

    const done = await counts();
    expect(done).toEqual({ pairs: SHARDS * ROWS, shards: SHARDS, distinct_keys: SHARDS * ROWS });
    const perShard = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM pairs GROUP BY source_id');
    expect(perShard.map((r) => r.n)).toEqual(Array(SHARDS).fill(ROWS));
  });
});
