// Graceful shutdown in-process: a real HTTP server with a request in flight and a real worker with a running job.
import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import type { Actor } from '../auth/schemas';
import { createExport } from '../export/create-export';
import { exportFolder, exportsRoot } from '../export/export-dir';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { writeLaionParquet } from '../ingest/__fixtures__/write-laion-parquet';
import { ingestDataset } from '../ingest/ingest-dataset';
import { enqueueJob } from '../jobs/enqueue-job';
import { getJob } from '../jobs/get-job';
import type { JobContext, JobKind } from '../jobs/job-kind';
import { JOB_KINDS } from './job-kinds';
import { startWorker } from '../jobs/start-worker';
import { shutDownGracefully } from './shut-down-gracefully';
import { trackRequests } from './track-requests';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Counts to `steps`, a step per tick, checkpointing each; a resumed run starts after its checkpoint. */
const counting: JobKind = {
  params: z.object({ steps: z.number() }),
  describe: () => 'count',
  async run(ctx) {
    const { steps } = ctx.params as { steps: number };
    const from = (ctx.checkpoint as { step: number } | null)?.step ?? 0;
    for (let i = from + 1; i <= steps; i++) {
      ctx.signal.throwIfAborted();
      await sleep(10);
      await ctx.saveCheckpoint({ step: i });
      await ctx.progress(i, steps);
    }
    return { counted: steps, resumedFrom: from };
  },
};
const kinds = { count: counting };

/** A server whose answers take `ms`. */
async function slowServer(ms: number): Promise<{ server: Server; url: string }> {
  const server = createServer((_req, res) => void sleep(ms).then(() => res.end('answered')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

describe('graceful shutdown', () => {
  it('stops accepting, answers the request in flight, parks the running job; the next worker resumes it', async () => {
    const tracker = trackRequests();
    const { url } = await slowServer(800);
    const job = await enqueueJob(t.db, { kind: 'count', params: { steps: 400 } }, kinds);
    const worker = startWorker(t.db, { kinds, pollMs: 20, log: () => undefined });
    try {
      for (let i = 0; i < 500 && (await getJob(job.job.id, t.db)).done < 5; i++) await sleep(20);
      const inFlight = fetch(url).then(async (r) => ({ status: r.status, text: await r.text() }));
      for (let i = 0; i < 200 && tracker.inFlight() === 0; i++) await sleep(5);
      expect(tracker.inFlight()).toBe(1);

      const lines: string[] = [];
      const outcome = shutDownGracefully({ tracker, worker, graceMs: 20_000, log: (l) => lines.push(l) });
      await sleep(100);
      // No new connection is accepted while the one in flight is still being answered.
      await expect(fetch(url)).rejects.toMatchObject({ cause: { code: 'ECONNREFUSED' } });
      expect(await inFlight).toEqual({ status: 200, text: 'answered' });
      expect(await outcome).toEqual({ requestsFinished: true, workerStopped: true });
      expect(lines[0]).toMatch(/no new requests; waiting for 1 in flight and for the job worker/);
    } finally {
      tracker.stop();
      await worker.stop();
    }
    const parked = await getJob(job.job.id, t.db);
    expect(parked).toMatchObject({ state: 'queued', message: expect.stringContaining('parked') });
    const [{ checkpoint }] = await t.db.query<{ checkpoint: { step: number } }>('SELECT checkpoint FROM jobs WHERE id = $1', [job.job.id]);
    expect(checkpoint.step).toBeGreaterThan(0);
    expect(checkpoint.step).toBeLessThan(400);

    const next = startWorker(t.db, { kinds, pollMs: 20, log: () => undefined });
    try {
      for (let i = 0; i < 3000 && (await getJob(job.job.id, t.db)).state !== 'done'; i++) await sleep(20);
    } finally {
      await next.stop();
    }
    expect(await getJob(job.job.id, t.db)).toMatchObject({ state: 'done', done: 400, result: { counted: 400, resumedFrom: checkpoint.step } });
  });

  it('cuts off a request that outlasts the grace period and says so', async () => {
    const tracker = trackRequests();
    const { url } = await slowServer(3_000);
    try {
      const inFlight = fetch(url).catch((err: unknown) => err);
      for (let i = 0; i < 200 && tracker.inFlight() === 0; i++) await sleep(5);
      const lines: string[] = [];
      expect(await shutDownGracefully({ tracker, graceMs: 300, log: (l) => lines.push(l) })).toEqual({ requestsFinished: false, workerStopped: true });
      expect(lines.at(-1)).toMatch(/1 requests still running after 0.3 s were cut off/);
      // The connection is closed under it: the client sees an error, not a hang.
      expect(await inFlight).toBeInstanceOf(Error);
    } finally {
      tracker.stop();
    }
  });

  it('parks an export at shutdown; the next worker writes it whole, with no trace of the interruption', async () => {
    const tmp = await makeTempDir('shutdown-export');
    process.env.SIEVE_HOME = tmp.dir;
    try {
      writeLaionParquet(join(tmp.dir, 'rows.parquet'), 12_000);
      await ingestDataset(t.db, { path: join(tmp.dir, 'rows.parquet'), dataset: 'rows' });
      await t.db.query("INSERT INTO users (id, name, email, role) VALUES ('cur', 'cur', 'cur@t.local', 'curator')");
      const actor: Actor = { kind: 'user', id: 'cur', email: 'cur@t.local', name: 'cur', role: 'curator', via: 'session', ip: null };
      const created = await createExport(t.db, actor, { source: { kind: 'dataset', dataset: 'rows' }, rule: { keep: 'none' }, format: 'csv' });
      // The export waits after its first batch until the worker stops: the stop comes mid-export, deterministically.
      let firstBatch!: () => void;
      const reached = new Promise<void>((resolve) => (firstBatch = resolve));
      const holding = { ...JOB_KINDS, export: { ...JOB_KINDS.export, run: (ctx: JobContext<unknown>) => JOB_KINDS.export.run({ ...ctx, progress: async () => {
        firstBatch();
        await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
      } }) } };
      const tracker = trackRequests();
      const worker = startWorker(t.db, { kinds: holding, pollMs: 20, log: () => undefined });
      try {
        await reached;
        expect(await shutDownGracefully({ tracker, worker, log: () => undefined })).toEqual({ requestsFinished: true, workerStopped: true });
      } finally {
        tracker.stop();
      }
      const [job] = await t.db.query<{ id: number }>('SELECT job_id AS id FROM exports WHERE id = $1', [created.id]);
      expect(await getJob(job.id, t.db)).toMatchObject({ state: 'queued', message: expect.stringContaining('parked') });
      expect((await readdir(exportsRoot())).filter((n) => n.startsWith('.partial-'))).toEqual([]);

      const next = startWorker(t.db, { kinds: JOB_KINDS, pollMs: 20, log: () => undefined });
      try {
        for (let i = 0; i < 3000 && (await getJob(job.id, t.db)).state !== 'done'; i++) await sleep(20);
      } finally {
        await next.stop();
      }
      const [row] = await t.db.query<{ state: string; rows: number; error: string | null }>('SELECT state, rows, error FROM exports WHERE id = $1', [created.id]);
      expect(row).toEqual({ state: 'done', rows: 12_000, error: null });
      const csv = await readFile(join(exportFolder(created.id), 'export.csv'), 'utf8');
      expect(csv.trim().split('\n').length).toBe(12_001);
    } finally {
      delete process.env.SIEVE_HOME;
      await tmp.cleanup();
    }
  });
});
