// `sieve embed` against a real database: fills what is missing, resumes, skips unreadable images, refuses mixed models.
import { cp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { flagPairs } from '../flags/flag-pairs';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../ingest/ingest-dataset';
import { DEMO_DIR } from '../ingest/load-demo';
import { useTinyClip } from '../search/__fixtures__/use-tiny-clip';
import { embedDataset } from './embed-dataset';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('embed');
  process.env.SIEVE_HOME = tmp.dir;
  await useTinyClip(join(tmp.dir, 'tiny-32'), 32);
  // A copy of the demo photos whose fourth image is then broken on disk.
  await cp(join(DEMO_DIR, 'photos'), join(tmp.dir, 'photos'), { recursive: true });
  await ingestDataset(t.db, { path: join(tmp.dir, 'photos'), dataset: 'photos' });
  await writeFile(join(tmp.dir, 'photos', '00000', '000000003.png'), 'not an image any more');
});
afterAll(async () => {
  delete process.env.SIEVE_MODEL_DIR;
  await t?.close();
  await rm(tmp.dir, { recursive: true, force: true });
});

const counts = async () =>
  (await t.db.query<{ txt: number; img: number }>('SELECT count(txt_emb)::int AS txt, count(img_emb)::int AS img FROM pairs'))[0];

describe('embedDataset', () => {
  it('embeds captions, then images batch by batch, reporting an unreadable image and keeping the rest', async () => {
    const progress: string[] = [];
    const text = await embedDataset(t.db, { dataset: 'photos', modality: 'text', batchSize: 3 }, { onProgress: (p) => progress.push(`${p.modality} ${p.done}/${p.total}`) });
    expect(text).toMatchObject({ text: 8, image: 0, dim: 32, failed: [], indexes: [expect.stringMatching(/^pairs_txt_emb_hnsw_d\d+$/)] });
    expect(progress).toEqual(['text 0/8', 'text 3/8', 'text 6/8', 'text 8/8']);
    expect(await counts()).toEqual({ txt: 8, img: 0 });

    const images = await embedDataset(t.db, { dataset: 'photos', batchSize: 3 });
    expect(images.text).toBe(0);
    expect(images.image).toBe(7);
    expect(images.failed).toEqual([{ pairId: expect.any(Number), message: expect.stringMatching(/could not be decoded/) }]);
    expect(images.indexes).toEqual([expect.stringMatching(/^pairs_img_emb_hnsw_d\d+$/)]);
    expect(await counts()).toEqual({ txt: 8, img: 7 });
  });

  it('resumes: a second run encodes only what is still missing (the broken image again), and writes nothing twice', async () => {
    const again = await embedDataset(t.db, { dataset: 'photos' });
    expect(again).toMatchObject({ text: 0, image: 0 });
    expect(again.failed).toHaveLength(1);
  });

  it('refuses to mix vectors of a model with another dimension into the dataset', async () => {
    await t.db.query('UPDATE pairs SET txt_emb = NULL WHERE id = (SELECT min(id) FROM pairs)');
    await useTinyClip(join(tmp.dir, 'tiny-24'), 24);
    await expect(embedDataset(t.db, { dataset: 'photos', modality: 'text' })).rejects.toThrow(/holds 32-d .* gives 24-d vectors/);
    expect(await counts()).toEqual({ txt: 7, img: 7 });
  });

  it('answers not_found for an unknown dataset', async () => {
    await expect(embedDataset(t.db, { dataset: 'nope' })).rejects.toThrow(/dataset "nope" does not exist/);
  });
});

describe('embedDataset and the hiding rule', () => {
  it('hides a pair whose newly embedded image copies a hidden one, in the batch\'s transaction, and queues its files', async () => {
    await useTinyClip(join(tmp.dir, 'tiny-32'), 32);
    const [source] = await t.db.query<{ id: number; image_path: string }>(
      "SELECT p.id, p.image_path FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'photos' AND p.img_emb IS NOT NULL ORDER BY p.id LIMIT 1",
    );
    await t.db.query("INSERT INTO users (id, name, email, role) VALUES ('cur', 'cur', 'cur@t.local', 'curator') ON CONFLICT DO NOTHING");
    await flagPairs(t.db, { kind: 'user', id: 'cur', email: 'cur@t.local', name: 'cur', role: 'curator', via: 'session', ip: null }, { target: { kind: 'pairs', pairIds: [source.id] }, reason: 'csam_suspected' });
    await t.db.query('DELETE FROM jobs');
    // Another download of the same photos: its copy of the hidden image has another URL and no vector yet.
    await cp(join(DEMO_DIR, 'photos'), join(tmp.dir, 'copies'), { recursive: true });
    await ingestDataset(t.db, { path: join(tmp.dir, 'copies'), dataset: 'copies' });
    const shownBefore = await t.db.query("SELECT s.id FROM shown_pairs s JOIN datasets d ON d.id = s.dataset_id WHERE d.name = 'copies'");
    expect(shownBefore).toHaveLength(8);

    const summary = await embedDataset(t.db, { dataset: 'copies', modality: 'image' });
    expect(summary.image).toBe(8);
    const hidden = await t.db.query<{ cause: string; source_pair_id: number; cosine: number }>(
      "SELECT h.cause, h.source_pair_id, h.cosine FROM hidden_pairs h JOIN pairs p ON p.id = h.pair_id JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'copies'",
    );
    expect(hidden).toEqual([{ cause: 'lookalike', source_pair_id: source.id, cosine: expect.any(Number) }]);
    expect(hidden[0].cosine).toBeGreaterThan(0.99);
    expect(await t.db.query("SELECT s.id FROM shown_pairs s JOIN datasets d ON d.id = s.dataset_id WHERE d.name = 'copies'")).toHaveLength(7);
    expect(await t.db.query("SELECT id FROM jobs WHERE kind = 'hiding'")).toHaveLength(1);
  });
});
