// Concept rules on a real database with a generated tiny CLIP: the rule's matches are exactly the images at or above
// its cosine (computed here by exact search), they become machine suggestions naming the rule, a re-run adds none;
// LAION's safety settings import as rules; changes are audited; a model of the wrong dimension is refused.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import type { Actor } from '../auth/schemas';
import { vectorText } from '../db/pgvector';
import { embedDataset } from '../embeddings/embed-dataset';
import { embedTexts } from '../embeddings/embed-texts';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../ingest/ingest-dataset';
import { DEMO_DIR } from '../ingest/load-demo';
import { getJob } from '../jobs/get-job';
import { startSieveWorker } from '../server/start-server-worker';
import { useTinyClip } from '../search/__fixtures__/use-tiny-clip';
import { deleteConceptRule, importLaionConcepts, listConceptRules, saveConceptRule } from './concept-rules';
import { queueConceptRules } from './queue-concept-rules';
import { runConceptRules } from './run-concept-rules';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
const admin: Actor = { kind: 'user', id: 'adm', email: 'adm@t.local', name: 'adm', role: 'admin', via: 'session', ip: '10.0.0.9' };

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('concepts');
  process.env.SIEVE_HOME = tmp.dir;
  await t.db.query("INSERT INTO users (id, name, email, role) VALUES ('adm', 'adm', 'adm@t.local', 'admin')");
  await useTinyClip(join(tmp.dir, 'tiny'), 32);
  await ingestDataset(t.db, { path: join(DEMO_DIR, 'photos'), dataset: 'photos' });
  await embedDataset(t.db, { dataset: 'photos', modality: 'image' });
});
afterAll(async () => {
  await t?.close();
  await tmp?.cleanup();
});

/** Every image's cosine to the prompt, by exact search over the stored vectors (no index). */
async function exactCosines(prompt: string): Promise<{ id: number; cos: number }[]> {
  const [q] = await embedTexts([prompt]);
  return t.db.query('SELECT id, 1 - (img_emb <=> $1::halfvec) AS cos FROM pairs WHERE img_emb IS NOT NULL ORDER BY cos DESC, id', [vectorText(q)]);
}

describe('concept rules', () => {
  it('suggests exactly the images at or above the rule cosine, with the rule in the note, once', async () => {
    const cos = await exactCosines('a horse in a field');
    expect(cos.length).toBeGreaterThan(4);
    // A threshold halfway between the 3rd and 4th best, so float16 rounding cannot move a pair across it.
    const threshold = Number(((cos[2].cos + cos[3].cos) / 2).toFixed(4));
    expect(cos[2].cos - cos[3].cos).toBeGreaterThan(1e-3);
    const rule = await saveConceptRule(t.db, admin, { name: 'horses', prompt: 'a horse in a field', threshold, reason: 'other' });
    const run = await runConceptRules(t.db, { dataset: 'photos' });
    expect(run.byRule).toEqual({ horses: 3 });
    const flags = await t.db.query<{ pair_id: number; origin: string; state: string; note: string }>("SELECT pair_id, origin, state, note FROM flags WHERE reason = 'other' ORDER BY pair_id");
    expect(flags.map((f) => f.pair_id)).toEqual(cos.slice(0, 3).map((c) => c.id).sort((a, b) => a - b));
    expect(flags.every((f) => f.origin === 'machine' && f.state === 'open' && f.note.startsWith('Concept rule "horses": the image matches "a horse in a field" at '))).toBe(true);
    expect((await runConceptRules(t.db, { dataset: 'photos', ruleIds: [rule.id] })).byRule).toEqual({ horses: 0 });
    const events = await t.db.query<{ action: string }>("SELECT action FROM audit_events WHERE action IN ('concept_rule.save', 'flag.suggest') ORDER BY id");
    expect(events.map((e) => e.action)).toEqual(['concept_rule.save', 'flag.suggest', 'flag.suggest', 'flag.suggest']);
  });

  it("imports LAION's NSFW concepts as rules, once, and deletes a rule with its audit event", async () => {
    const first = await importLaionConcepts(t.db, admin);
    expect(first.length).toBe(17);
    expect(first.find((r) => r.name === 'laion nsfw: naked')).toMatchObject({ prompt: 'naked', reason: 'sexual' });
    expect(first.find((r) => r.name === 'laion nsfw: naked')!.threshold).toBeCloseTo(0.195, 6);
    await importLaionConcepts(t.db, admin);
    expect((await listConceptRules(t.db)).length).toBe(18);
    await deleteConceptRule(t.db, admin, first[0].id);
    expect((await listConceptRules(t.db)).length).toBe(17);
    await expect(deleteConceptRule(t.db, admin, first[0].id)).rejects.toThrow(/does not exist/);
    const [ev] = await t.db.query<{ actor: string; ip: string }>("SELECT actor, ip FROM audit_events WHERE action = 'concept_rule.delete'");
    expect(ev).toEqual({ actor: 'adm', ip: '10.0.0.9' });
    await expect(saveConceptRule(t.db, admin, { name: 'x', prompt: 'y', threshold: 1.5, reason: 'other' })).rejects.toThrow();
    await expect(saveConceptRule(t.db, admin, { name: 'x', prompt: 'y', threshold: 0.2, reason: 'nonsense' as never })).rejects.toThrow();
  });

  it('runs as a job, and refuses a text model whose vectors are of another dimension', async () => {
    const { job } = await queueConceptRules(t.db, admin, 'photos', {});
    const w = startSieveWorker(t.db, { log: () => undefined, pollMs: 10 });
    try {
      for (let i = 0; i < 3000 && !['done', 'failed'].includes((await getJob(job.id, t.db)).state); i++) await new Promise((res) => setTimeout(res, 20));
    } finally {
      await w.stop();
    }
    expect(await getJob(job.id, t.db)).toMatchObject({ state: 'done' });
    await expect(queueConceptRules(t.db, admin, 'nope', {})).rejects.toThrow(/nope/);
    await useTinyClip(join(tmp.dir, 'tiny-24'), 24);
    await expect(runConceptRules(t.db, { dataset: 'photos' })).rejects.toThrow(/24-d vectors and "photos" holds 32-d/);
  });
});
