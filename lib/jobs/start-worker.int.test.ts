// The job worker against a real database: dedupe, progress, failure, cancel, and resuming a job whose worker died.
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { createDb } from '../db/client';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../ingest/ingest-dataset';
import { DEMO_DIR } from '../ingest/load-demo';
import { useTinyClip } from '../search/__fixtures__/use-tiny-clip';
import { cancelJob } from './cancel-job';
import { enqueueJob } from './enqueue-job';
import { getJob } from './get-job';
import { JOB_KINDS } from '../server/job-kinds';
import type { JobKind } from './job-kind';
import { startWorker, type Worker } from './start-worker';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
const quiet = { log: () => undefined, pollMs: 20 };

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('jobs');
  process.env.SIEVE_HOME = tmp.dir;
  await useTinyClip(join(tmp.dir, 'tiny'), 32);
  await ingestDataset(t.db, { path: join(DEMO_DIR, 'photos'), dataset: 'photos' });
});
afterAll(async () => {
  delete process.env.SIEVE_MODEL_DIR;
  await t?.close();
  await tmp?.cleanup();
});

const untilState = async (id: number, states: string[], ms = 60_000) => {
  const end = Date.now() + ms;
  for (;;) {
    const job = await getJob(id, t.db);
    if (states.includes(job.state)) return job;
    if (Date.now() > end) throw new Error(`job ${id} still ${job.state}`);
    await new Promise((r) => setTimeout(r, 25));
  }
};

/** A job that counts to `steps`, one step per tick, and honours cancellation between steps. */
const counting: JobKind = {
  params: z.object({ steps: z.number(), failAt: z.number().optional(), hangOnFirstAttempt: z.boolean().optional() }),
  describe: (p) => `count to ${(p as { steps: number }).steps}`,
  async run(ctx) {
    const p = ctx.params as { steps: number; failAt?: number };
    for (let i = 1; i <= p.steps; i++) {
      ctx.signal.throwIfAborted();
      if (i === p.failAt) throw new Error(`step ${i} broke`);
      await new Promise((r) => setTimeout(r, 10));
      await ctx.progress(i, p.steps, `step ${i}`);
    }
    return { counted: p.steps };
  },
};
const kinds = { ...JOB_KINDS, count: counting };

describe('jobs', () => {
  it('keeps one active job per dedupe key', async () => {
    const a = await enqueueJob(t.db, { kind: 'embed', params: { dataset: 'photos' }, dedupeKey: 'embed:photos' });
    const b = await enqueueJob(t.db, { kind: 'embed', params: { dataset: 'photos' }, dedupeKey: 'embed:photos' });
    expect(a.created).toBe(true);
    expect(b).toMatchObject({ created: false, job: { id: a.job.id, state: 'queued' } });
    await expect(enqueueJob(t.db, { kind: 'nope', params: {} })).rejects.toThrow(/unknown job kind/);
  });

  it('runs the queued embedding to the end with its progress and result', async () => {
    const [job] = await t.db.query<{ id: number }>("SELECT id FROM jobs WHERE dedupe_key = 'embed:photos'");
    const worker = startWorker(t.db, { ...quiet, kinds });
    try {
      const done = await untilState(job.id, ['done', 'failed']);
      expect(done).toMatchObject({ state: 'done', message: 'image embeddings 8/8', result: { text: 8, image: 8, failed: 0, dim: 32 } });
      expect(done.done).toBe(done.total);
      const [n] = await t.db.query<{ txt: number; img: number }>('SELECT count(txt_emb)::int AS txt, count(img_emb)::int AS img FROM pairs');
      expect(n).toEqual({ txt: 8, img: 8 });
      // Done, so the key is free again: a new request is a new job.
      expect((await enqueueJob(t.db, { kind: 'embed', params: { dataset: 'photos' }, dedupeKey: 'embed:photos' })).created).toBe(true);
    } finally {
      await worker.stop();
    }
  });

  it('records a failure and goes on with the next job', async () => {
    const bad = await enqueueJob(t.db, { kind: 'count', params: { steps: 5, failAt: 3 } }, kinds);
    const good = await enqueueJob(t.db, { kind: 'count', params: { steps: 2 } }, kinds);
    const worker = startWorker(t.db, { ...quiet, kinds });
    try {
      expect(await untilState(bad.job.id, ['failed', 'done'])).toMatchObject({ state: 'failed', error: expect.stringContaining('Something went wrong') });
      expect(await untilState(good.job.id, ['done', 'failed'])).toMatchObject({ state: 'done', result: { counted: 2 }, done: 2, total: 2 });
    } finally {
      await worker.stop();
    }
  });

  it('cancels a queued job at once and a running one at its next step, keeping what it did', async () => {
    const queued = await enqueueJob(t.db, { kind: 'count', params: { steps: 1 } }, kinds);
    expect(await cancelJob(queued.job.id, t.db)).toMatchObject({ state: 'cancelled' });
    await expect(cancelJob(queued.job.id, t.db)).rejects.toMatchObject({ code: 'conflict' });

    const long = await enqueueJob(t.db, { kind: 'count', params: { steps: 100_000 } }, kinds);
    const worker = startWorker(t.db, { ...quiet, kinds });
    try {
      await untilState(long.job.id, ['running']);
      await new Promise((r) => setTimeout(r, 700));
      await cancelJob(long.job.id, t.db);
      const end = await untilState(long.job.id, ['cancelled', 'done', 'failed']);
      expect(end.state).toBe('cancelled');
      expect(end.done).toBeGreaterThan(0);
      expect(end.done).toBeLessThan(100_000);
    } finally {
      await worker.stop();
    }
  });

  it('parks a job its worker stops between steps, and the next worker resumes it', async () => {
    const job = await enqueueJob(t.db, { kind: 'count', params: { steps: 300 } }, kinds);
    const first: Worker = startWorker(t.db, { ...quiet, kinds });
    await untilState(job.job.id, ['running']);
    await new Promise((r) => setTimeout(r, 600));
    await first.stop();
    const left = await getJob(job.job.id, t.db);
    // Queued again at once, not left 'running' to wait for its heartbeat to go stale.
    expect(left).toMatchObject({ state: 'queued', message: expect.stringContaining('parked') });
    expect(left.done).toBeGreaterThan(0);
    const second = startWorker(t.db, { ...quiet, kinds });
    try {
      const end = await untilState(job.job.id, ['done', 'failed']);
      expect(end).toMatchObject({ state: 'done', result: { counted: 300 } });
      const [{ attempts }] = await t.db.query<{ attempts: number }>('SELECT attempts FROM jobs WHERE id = $1', [job.job.id]);
      expect(attempts).toBe(2);
    } finally {
      await second.stop();
    }
  });

  it('resumes a job whose worker died without parking it, once its heartbeat is stale', async () => {
    const job = await enqueueJob(t.db, { kind: 'count', params: { steps: 3 } }, kinds);
    // What a killed server leaves: 'running' with a heartbeat from long ago.
    await t.db.query("UPDATE jobs SET state = 'running', heartbeat_at = now() - interval '1 hour' WHERE id = $1", [job.job.id]);
    const lines: string[] = [];
    const worker = startWorker(t.db, { ...quiet, kinds, log: (l) => lines.push(l) });
    try {
      expect(await untilState(job.job.id, ['done', 'failed'])).toMatchObject({ state: 'done', result: { counted: 3 } });
      expect(lines).toContain(`job ${job.job.id} lost its worker; queued again`);
    } finally {
      await worker.stop();
    }
  });

  it('says once that the queue is unreachable while it keeps polling', async () => {
    // A real refused connection: a port nothing listens on.
    const free = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as AddressInfo; s.close(() => resolve(port)); });
    });
    const gone = createDb({ kind: 'server', url: `postgres://postgres@127.0.0.1:${free}/postgres` });
    const lines: string[] = [];
    const worker = startWorker(gone, { kinds: JOB_KINDS, pollMs: 20, log: (l) => lines.push(l) });
    await new Promise((r) => setTimeout(r, 500));
    await worker.stop();
    await gone.close();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/cannot read the job queue: The database is not reachable/);
  });
});
