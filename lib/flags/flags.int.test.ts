// Flags on a real database: every way to flag, bulk jobs (idempotent, resumable), decisions under contention,
// four eyes, withdrawal, undo, purge-media, and an audit event for every change.
import { existsSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '../auth/cli-actor';
import type { Actor } from '../auth/schemas';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { writeEmbeddingFolder } from '../ingest/__fixtures__/write-laion-parquet';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../ingest/ingest-dataset';
import { DEMO_DIR } from '../ingest/load-demo';
import { embedTexts } from '../embeddings/embed-texts';
import { resetClipForTests } from '../embeddings/clip-state';
import { enqueueJob } from '../jobs/enqueue-job';
import { getJob } from '../jobs/get-job';
import type { JobContext } from '../jobs/job-kind';
import { useTinyClip } from '../search/__fixtures__/use-tiny-clip';
import { JOB_KINDS } from '../server/job-kinds';
import { startSieveWorker } from '../server/start-server-worker';
import { decideFlag } from './decide-flag';
import { findReviewQueue } from './find-review-queue';
import { flagPairs } from './flag-pairs';
import { previewFlag } from './preview-flag';
import { purgeFlaggedMedia } from './purge-flagged-media';
import { resolveFlagTarget } from './resolve-flag-target';
import type { FlagJobParams } from './run-flag-job';
import { FlagPairsInput, FlagTarget } from './schemas';
import { undoDecision } from './undo-decision';
import { withdrawFlag } from './withdraw-flag';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
const person = (id: string, role: Actor['role']): Actor => ({ kind: 'user', id, email: `${id}@t.local`, name: id, role, via: 'session', ip: '10.1.1.1' });
const curator = person('cur', 'curator');
const reviewer = person('rev', 'reviewer');
const reviewer2 = person('rev2', 'reviewer');
const ids: Record<string, number[]> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('flags');
  process.env.SIEVE_HOME = tmp.dir;
  for (const u of [curator, reviewer, reviewer2]) await t.db.query("INSERT INTO users (id, name, email, role) VALUES ($1, $1, $2, $3)", [u.id, u.email, u.role]);
  await cp(join(DEMO_DIR, 'photos'), join(tmp.dir, 'photos'), { recursive: true });
  await ingestDataset(t.db, { path: join(tmp.dir, 'photos'), dataset: 'photos' });
  await cp(join(DEMO_DIR, 'clip-photos'), join(tmp.dir, 'clip-photos'), { recursive: true });
  await ingestDataset(t.db, { path: join(tmp.dir, 'clip-photos'), dataset: 'clip' });
  // 2,600 pairs with 32-d vectors: more than one synchronous flag request may cover.
  await writeEmbeddingFolder(join(tmp.dir, 'big'), [{ rows: 1300, dim: 32 }, { rows: 1300, dim: 32 }]);
  await ingestDataset(t.db, { path: join(tmp.dir, 'big'), dataset: 'big' });
  for (const d of ['photos', 'clip', 'big']) {
    ids[d] = (await t.db.query<{ id: number }>('SELECT p.id FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = $1 ORDER BY p.id', [d])).map((r) => r.id);
  }
});
afterAll(async () => {
  await t?.close();
  await tmp?.cleanup();
});

const flagRows = (reason: string) => t.db.query<{ pair_id: number; state: string; created_by: string; job_id: number | null }>('SELECT pair_id, state, created_by, job_id FROM flags WHERE reason = $1 ORDER BY pair_id', [reason]);
const eventsFor = (action: string, reason: string) => t.db.query<{ subject: string; actor: string }>(`SELECT subject, actor FROM audit_events WHERE action = $1 AND details->>'reason' = $2 ORDER BY id`, [action, reason]);

describe('flagging', () => {
  it('flags one pair and a selection, once, with an audit event per pair', async () => {
    expect(await flagPairs(t.db, curator, { target: { kind: 'pairs', pairIds: [ids.photos[0]] }, reason: 'watermark' })).toEqual({ matched: 1, flagged: 1 });
    expect(await flagPairs(t.db, curator, { target: { kind: 'pairs', pairIds: ids.photos.slice(0, 3) }, reason: 'watermark' })).toEqual({ matched: 3, flagged: 2 });
    expect((await flagRows('watermark')).map((f) => f.pair_id)).toEqual(ids.photos.slice(0, 3));
    expect((await eventsFor('flag.create', 'watermark')).map((e) => [e.subject, e.actor])).toEqual(ids.photos.slice(0, 3).map((id) => [`pair:${id}`, 'cur']));
    // The request's edge (the route) refuses it: flagPairs takes what the route parsed.
    expect(() => FlagPairsInput.parse({ target: { kind: 'pairs', pairIds: [ids.photos[0]] }, reason: 'other' })).toThrow(/note is required/);
    await expect(flagPairs(t.db, curator, { target: { kind: 'pairs', pairIds: [99_999_999] }, reason: 'hate' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('flags every match of a keyword search (the server re-runs it) and the top k of a semantic one', async () => {
    const keyword = { kind: 'query' as const, query: { dataset: 'big', keyword: 'number', flagState: 'any' as const, widthMin: 140 } };
    expect(await previewFlag(t.db, keyword)).toMatchObject({ count: 520, background: false, mode: 'keyword', dataset: 'big' });
    expect(await flagPairs(t.db, curator, { target: keyword, reason: 'caption_mismatch' })).toEqual({ matched: 520, flagged: 520 });
    const [{ n }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM flags f JOIN pairs p ON p.id = f.pair_id WHERE f.reason = 'caption_mismatch' AND p.width >= 140");
    expect(n).toBe(520);

    // "More like this" on the first kitten: its top 2 are itself and the other kitten (cosine 0.869).
    const semantic = { kind: 'query' as const, query: { dataset: 'clip', pairId: ids.clip[0] }, k: 2 };
    expect(await previewFlag(t.db, semantic)).toMatchObject({ count: 2, mode: 'semantic', k: 2 });
    await flagPairs(t.db, curator, { target: semantic, reason: 'sexual', note: 'test' });
    expect((await flagRows('sexual')).map((f) => f.pair_id)).toEqual([ids.clip[0], ids.clip[5]]);
  });

  it('flags a domain with its subdomains, and a duplicate group', async () => {
    const r = await flagPairs(t.db, curator, { target: { kind: 'domain', domain: 'img3.example.com', dataset: 'big' }, reason: 'copyright_optout' });
    expect(r).toEqual({ matched: 2600 / 7 | 0, flagged: 2600 / 7 | 0 });
    const dup = await flagPairs(t.db, curator, { target: { kind: 'duplicates', pairId: ids.big[0] }, reason: 'broken_link' });
    // Same URL host path is unique per row here, so the group is the pair itself (plus any image twins).
    expect(dup.flagged).toBeGreaterThanOrEqual(1);
    expect((await flagRows('broken_link')).map((f) => f.pair_id)).toContain(ids.big[0]);
  });
});

describe('bulk flags', () => {
  it('runs as a job over batches, is idempotent on re-run, and resumes exactly after its worker dies', async () => {
    const target = { kind: 'query' as const, query: { dataset: 'big', flagState: 'any' as const } };
    const first = await flagPairs(t.db, curator, { target, reason: 'hate' });
    expect(first).toMatchObject({ matched: 2600, job: { id: expect.any(Number) } });
    // A double click is the same job.
    expect((await flagPairs(t.db, curator, { target, reason: 'hate' })).job!.id).toBe(first.job!.id);

    // The first worker stops right after its first batch (it waits there until stopped): the job is parked, queued
    // again with its checkpoint, and a second worker resumes it from there.
    const dying = { ...JOB_KINDS, flag: { ...JOB_KINDS.flag, run: (ctx: JobContext<unknown>) => JOB_KINDS.flag.run({ ...ctx, saveCheckpoint: async (v: unknown) => {
      await ctx.saveCheckpoint(v);
      await new Promise((_, reject) => ctx.signal.addEventListener('abort', () => reject(ctx.signal.reason)));
    } }) } };
    const w1 = startSieveWorker(t.db, { log: () => undefined, pollMs: 10, kinds: dying });
    const checkpoint = async () => (await t.db.query<{ checkpoint: { done: number } | null }>('SELECT checkpoint FROM jobs WHERE id = $1', [first.job!.id]))[0].checkpoint;
    for (let i = 0; i < 1000 && !(await checkpoint()); i++) await new Promise((res) => setTimeout(res, 10));
    await w1.stop();
    expect(await getJob(first.job!.id, t.db)).toMatchObject({ state: 'queued', message: expect.stringContaining('parked') });
    expect(await checkpoint()).toMatchObject({ done: 2000 });
    expect((await flagRows('hate')).length).toBe(2000);
    const w2 = startSieveWorker(t.db, { log: () => undefined, pollMs: 10 });
    try {
      for (let i = 0; i < 3000 && (await getJob(first.job!.id, t.db)).state !== 'done'; i++) await new Promise((res) => setTimeout(res, 20));
    } finally {
      await w2.stop();
    }
    const [{ attempts }] = await t.db.query<{ attempts: number }>('SELECT attempts FROM jobs WHERE id = $1', [first.job!.id]);
    expect(attempts).toBe(2);
    const done = await getJob(first.job!.id, t.db);
    expect(done).toMatchObject({ state: 'done', done: 2600, total: 2600, result: { matched: 2600 } });
    const flags = await flagRows('hate');
    expect(flags.map((f) => f.pair_id)).toEqual(ids.big);
    expect(flags.every((f) => f.created_by === 'cur' && f.job_id === first.job!.id)).toBe(true);
    expect((await eventsFor('flag.create', 'hate')).length).toBe(2600);

    // The same request again: a new job that adds nothing.
    const again = await flagPairs(t.db, curator, { target, reason: 'hate' });
    const w3 = startSieveWorker(t.db, { log: () => undefined, pollMs: 10 });
    try {
      for (let i = 0; i < 3000 && (await getJob(again.job!.id, t.db)).state !== 'done'; i++) await new Promise((res) => setTimeout(res, 20));
    } finally {
      await w3.stop();
    }
    expect((await getJob(again.job!.id, t.db)).result).toMatchObject({ matched: 2600, flagged: 0 });
    expect((await flagRows('hate')).length).toBe(2600);
  });
});

describe('review', () => {
  it('lets exactly one of two reviewers deciding at once win; the other gets 409 with the decision that stands', async () => {
    const [flag] = await t.db.query<{ id: number }>("SELECT id FROM flags WHERE reason = 'watermark' ORDER BY id LIMIT 1");
    const results = await Promise.allSettled([
      decideFlag(t.db, reviewer, flag.id, { decision: 'confirm' }),
      decideFlag(t.db, reviewer2, flag.id, { decision: 'reject' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0].reason).toMatchObject({ code: 'conflict', details: { flag: { state: (won[0] as PromiseFulfilledResult<{ state: string }>).value.state } } });
    const [{ n }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_events WHERE action IN ('flag.confirm', 'flag.reject') AND details->>'flagId' = $1", [String(flag.id)]);
    expect(n).toBe(1);
  });

  it('refuses a reviewer deciding their own csam_suspected flag (four eyes), not another reviewer', async () => {
    await flagPairs(t.db, reviewer, { target: { kind: 'pairs', pairIds: [ids.photos[4]] }, reason: 'csam_suspected' });
    const [flag] = await t.db.query<{ id: number }>("SELECT id FROM flags WHERE reason = 'csam_suspected'");
    await expect(decideFlag(t.db, reviewer, flag.id, { decision: 'reject' })).rejects.toMatchObject({ code: 'forbidden' });
    const queue = await findReviewQueue(reviewer, { reason: 'csam_suspected' }, t.db);
    expect(queue.items).toHaveLength(0);
    expect(queue.ownWaiting).toBe(1);
    expect((await findReviewQueue(reviewer2, { reason: 'csam_suspected' }, t.db)).items.map((i) => i.flag.id)).toEqual([flag.id]);
    expect(await decideFlag(t.db, reviewer2, flag.id, { decision: 'confirm' })).toMatchObject({ state: 'confirmed', decidedBy: 'rev2' });
  });

  it('undoes a decision (only its reviewer), and lets an author withdraw an open flag', async () => {
    const [flag] = await t.db.query<{ id: number }>("SELECT id FROM flags WHERE reason = 'watermark' AND state = 'open' ORDER BY id LIMIT 1");
    await decideFlag(t.db, reviewer, flag.id, { decision: 'reject' });
    await expect(undoDecision(t.db, reviewer2, flag.id)).rejects.toMatchObject({ code: 'conflict' });
    expect(await undoDecision(t.db, reviewer, flag.id)).toMatchObject({ state: 'open', decidedBy: null });
    await expect(withdrawFlag(t.db, reviewer, flag.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect(await withdrawFlag(t.db, curator, flag.id)).toEqual({ withdrawn: flag.id });
    expect(await t.db.query('SELECT 1 FROM flags WHERE id = $1', [flag.id])).toHaveLength(0);
    const actions = (await t.db.query<{ action: string }>("SELECT action FROM audit_events WHERE details->>'flagId' = $1 ORDER BY id", [String(flag.id)])).map((r) => r.action);
    expect(actions).toEqual(['flag.create', 'flag.reject', 'flag.reopen', 'flag.withdraw']);
  });

  it('serves the queue oldest first with counts per reason and each pair with all its flags', async () => {
    const page = await findReviewQueue(reviewer, { limit: 5 }, t.db);
    const flagIds = page.items.map((i) => i.flag.id);
    expect(flagIds).toEqual([...flagIds].sort((a, b) => a - b));
    expect(page.items.every((i) => i.flag.state === 'open' && i.flags.some((f) => f.id === i.flag.id))).toBe(true);
    expect(page.counts.hate).toBe(2600);
    const next = await findReviewQueue(reviewer, { limit: 5, after: page.next! }, t.db);
    expect(next.items[0].flag.id).toBeGreaterThan(flagIds[4]);
  });
});

describe('purge-media', () => {
  it('deletes the local files of csam_suspected pairs, forgets their paths, and audits it', async () => {
    const [row] = await t.db.query<{ image_path: string }>('SELECT image_path FROM pairs WHERE id = $1', [ids.photos[4]]);
    expect(existsSync(row.image_path)).toBe(true);
    expect(await purgeFlaggedMedia(t.db, cliActor(), 'csam_suspected')).toEqual({ pairs: 1, files: 1, extracted: 0, thumbnails: 0 });
    expect(existsSync(row.image_path)).toBe(false);
    expect((await t.db.query<{ image_path: string | null }>('SELECT image_path FROM pairs WHERE id = $1', [ids.photos[4]]))[0].image_path).toBeNull();
    expect(await t.db.query("SELECT 1 FROM audit_events WHERE action = 'media.purge' AND subject = $1", [`pair:${ids.photos[4]}`])).toHaveLength(1);
    expect(await purgeFlaggedMedia(t.db, cliActor(), 'csam_suspected')).toEqual({ pairs: 0, files: 0, extracted: 0, thumbnails: 0 });
  });
});

describe('bulk flags of a search carry what the request resolved', () => {
  const runJobs = async (jobId: number) => {
    const worker = startSieveWorker(t.db, { log: () => undefined, pollMs: 10 });
    try {
      for (let i = 0; i < 3000 && !['done', 'failed'].includes((await getJob(jobId, t.db)).state); i++) await new Promise((res) => setTimeout(res, 20));
    } finally {
      await worker.stop();
    }
    return getJob(jobId, t.db);
  };

  it("runs a text search's job from the vector its request encoded: the job encodes nothing (the encoder is gone by then)", async () => {
    await useTinyClip(join(tmp.dir, 'tiny-clip'));
    try {
      const target = { kind: 'query' as const, query: { dataset: 'big', text: 'a photo of the number seven', flagState: 'any' as const }, k: 1500 };
      const top: number[] = [];
      for await (const b of (await resolveFlagTarget(t.db, target)).batches(0, 1000)) top.push(...b.ids);
      expect(top).toHaveLength(1500);
      const queued = await flagPairs(t.db, curator, { target, reason: 'pii' });
      expect(queued).toMatchObject({ matched: 1500, job: { id: expect.any(Number) } });
      const [{ params }] = await t.db.query<{ params: FlagJobParams }>('SELECT params FROM jobs WHERE id = $1', [queued.job!.id]);
      expect(params.planned).toMatchObject({ mode: 'semantic', column: 'img_emb', k: 1500, filters: { flagState: 'any' } });
      expect(params.planned!.vector).toHaveLength(32);

      // No text encoder from here on: a job that encoded the text again would fail over to keyword matches of it.
      process.env.SIEVE_MODEL_DIR = join(tmp.dir, 'no-such-model');
      resetClipForTests();
      await expect(embedTexts([target.query.text])).rejects.toMatchObject({ code: 'unavailable' });

      expect(await runJobs(queued.job!.id)).toMatchObject({ state: 'done', done: 1500, total: 1500, result: { matched: 1500, flagged: 1500 } });
      expect((await flagRows('pii')).map((f) => f.pair_id)).toEqual([...top].sort((a, b) => a - b));
    } finally {
      delete process.env.SIEVE_MODEL_DIR;
      resetClipForTests();
    }
  });

  it('still runs a job queued before jobs carried the plan (a restart mid-job): it resolves its target itself', async () => {
    const target = FlagTarget.parse({ kind: 'query', query: { dataset: 'big', keyword: 'number', widthMin: 140, flagState: 'any' } });
    const { job } = await enqueueJob(t.db, { kind: 'flag', params: { target, reason: 'violence', note: null, ip: null }, createdBy: curator.id });
    expect(await runJobs(job.id)).toMatchObject({ state: 'done', result: { matched: 520, flagged: 520 } });
    expect(await flagRows('violence')).toHaveLength(520);
  });
});
