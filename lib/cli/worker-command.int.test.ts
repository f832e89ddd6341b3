// `sieve worker` as the launcher runs it: a process of its own on the same database, which runs a queued job, and
// stops when told to (SIGTERM) or when its launcher goes away (the IPC channel closes), exiting 0 either way.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { cliActor } from '../auth/cli-actor';
import { ingestDataset } from '../ingest/ingest-dataset';
import { writeLaionParquet } from '../ingest/__fixtures__/write-laion-parquet';
import { getJob } from '../jobs/get-job';
import { queueSuggestions } from '../signals/queue-suggestions';

let t: TestDatabase;
let tmp: string;
beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await mkdtemp(join(os.tmpdir(), 'sieve-worker-'));
  writeLaionParquet(join(tmp, 'part-0.parquet'), 50);
  await ingestDataset(t.db, { path: join(tmp, 'part-0.parquet'), dataset: 'worked' });
});
afterAll(async () => {
  await t?.close();
  await rm(tmp, { recursive: true, force: true });
});

function startWorker(): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lib/cli/main.ts', 'worker'], {
    env: { ...process.env, DATABASE_URL: t.url, SIEVE_DB_KIND: t.kind, SIEVE_HOME: tmp },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(check: () => Promise<boolean> | boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('sieve worker', () => {
  it('runs a job queued by the server, and SIGTERM stops it with exit code 0', async () => {
    const w = startWorker();
    try {
      await until(() => w.output().includes('worker started'), 'the worker to start');
      const { job } = await queueSuggestions(t.db, cliActor(), 'worked', {});
      await until(async () => (await getJob(job.id, t.db)).state === 'done', `job ${job.id} to finish`);
      w.child.kill('SIGTERM');
      expect(await w.exited).toBe(0);
      expect(w.output()).toMatch(/SIGTERM: stopping[\s\S]*worker stopped/);
    } finally {
      w.child.kill('SIGKILL');
    }
  });

  it('stops when the launcher that started it goes away', async () => {
    const w = startWorker();
    try {
      await until(() => w.output().includes('worker started'), 'the worker to start');
      w.child.disconnect();
      expect(await w.exited).toBe(0);
      expect(w.output()).toMatch(/the launcher is gone: stopping/);
    } finally {
      w.child.kill('SIGKILL');
    }
  });
});
