// Search against a real database: the tiny generated CLIP for text queries, the real ViT-B/32 vectors for "more like this".
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { embedDataset } from '../embeddings/embed-dataset';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../ingest/ingest-dataset';
import { DEMO_DIR } from '../ingest/load-demo';
import { useTinyClip } from './__fixtures__/use-tiny-clip';
import { writeClipB32Folder, type ClipB32Sample } from './__fixtures__/write-clip-b32-folder';
import { SearchQuery, type SearchQueryInput } from './schemas';
import { searchPairs as searchParsed } from './search-pairs';

// As the route does: the request is parsed at the edge, then searched.
const searchPairs = (query: SearchQueryInput, db: Parameters<typeof searchParsed>[1]) => searchParsed(SearchQuery.parse(query), db);

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let b32: ClipB32Sample;
const captions = new Map<number, string>();

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await makeTempDir('search');
  process.env.SIEVE_HOME = tmp.dir;
  await useTinyClip(join(tmp.dir, 'tiny-clip'));
  await ingestDataset(t.db, { path: join(DEMO_DIR, 'photos'), dataset: 'photos' });
  await embedDataset(t.db, { dataset: 'photos' });
  b32 = await writeClipB32Folder(join(tmp.dir, 'b32'));
  await ingestDataset(t.db, { path: join(tmp.dir, 'b32'), dataset: 'b32' });
  for (const r of await t.db.query<{ id: number; caption: string }>("SELECT p.id, p.caption FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'photos'")) {
    captions.set(r.id, r.caption);
  }
});
afterAll(async () => {
  delete process.env.SIEVE_MODEL_DIR;
  await t?.close();
  await rm(tmp.dir, { recursive: true, force: true });
});

describe('text search with the generated tiny CLIP', () => {
  it('embedded every caption and image of the dataset, and recorded the encoder on it', async () => {
    const [d] = await t.db.query<{ model: string; dim: number; txt: number; img: number }>(
      `SELECT d.model, d.dim, count(p.txt_emb)::int AS txt, count(p.img_emb)::int AS img
         FROM datasets d JOIN pairs p ON p.dataset_id = d.id WHERE d.name = 'photos' GROUP BY d.id`,
    );
    expect(d).toEqual({ model: process.env.SIEVE_MODEL_DIR, dim: 32, txt: 8, img: 8 });
  });

  it('returns the pair whose caption is the query first, for every caption', async () => {
    for (const [id, caption] of captions) {
      const res = await searchPairs({ dataset: 'photos', text: caption, modality: 'text', limit: 3 }, t.db);
      expect(res.mode).toBe('semantic');
      expect(res.semantic).toEqual({ available: true });
      expect(res.hits[0].id).toBe(id);
      expect(res.hits[0].score).toBeCloseTo(1, 2);
    }
  });

  it('searches image embeddings with a text query by default (cross-modal), scores sorted', async () => {
    const res = await searchPairs({ dataset: 'photos', text: 'a rocket standing on a launchpad' }, t.db);
    expect(res.modality).toBe('image');
    expect(res.hits).toHaveLength(8);
    const scores = res.hits.map((h) => h.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('falls back to keyword search and says why when no CLIP weights can be loaded', async () => {
    const saved = process.env.SIEVE_MODEL_DIR;
    process.env.SIEVE_MODEL_DIR = join(tmp.dir, 'no-model-here');
    try {
      const res = await searchPairs({ dataset: 'photos', text: 'tabby cat' }, t.db);
      expect(res.mode).toBe('keyword');
      expect(res.semantic?.available).toBe(false);
      expect(res.semantic?.reason).toMatch(/missing/);
      expect(res.notice).toMatch(/keyword matches/);
      expect(res.hits.map((h) => h.caption)).toEqual(['a facial photo of a tabby cat']);
    } finally {
      process.env.SIEVE_MODEL_DIR = saved;
    }
  });
});

describe('a dataset without embeddings (the demo before `sieve embed`)', () => {
  it('answers a text query by keyword and says how to enable semantic search', async () => {
    await ingestDataset(t.db, { path: join(DEMO_DIR, 'photos'), dataset: 'bare' });
    const res = await searchPairs({ dataset: 'bare', text: 'rocket' }, t.db);
    expect(res.mode).toBe('keyword');
    expect(res.semantic).toEqual({ available: false, reason: 'dataset "bare" has no embeddings yet', howToEnable: 'Run `npm run sieve -- embed --dataset bare`.' });
    expect(res.hits.map((h) => h.caption)).toEqual(['a rocket standing on a launchpad']);
  });

  it('refuses a vector query with the same explanation', async () => {
    await expect(searchPairs({ dataset: 'bare', embedding: [1, 0] }, t.db)).rejects.toThrow(/"bare" has no embeddings yet: Run `npm run sieve -- embed --dataset bare`/);
  });
});

describe('"more like this" on real CLIP ViT-B/32 embeddings', () => {
  const cosine = (a: Float32Array, b: Float32Array) => {
    let dot = 0, na = 0, nb = 0;
    for (let i = 0; i < a.length; i++) [dot, na, nb] = [dot + a[i] * b[i], na + a[i] * a[i], nb + b[i] * b[i]];
    return dot / Math.sqrt(na * nb);
  };

  it('returns the item itself first, then its neighbours in brute-force cosine order', async () => {
    const rows = await t.db.query<{ id: number; caption: string }>("SELECT p.id, p.caption FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'b32' ORDER BY p.id");
    const idOf = (file: string) => rows.find((r) => r.caption === `test image ${file}`)!.id;
    for (const [i, file] of b32.files.entries()) {
      const res = await searchPairs({ pairId: idOf(file) }, t.db);
      expect(res.dataset.name).toBe('b32');
      const expected = b32.files
        .map((f, j) => ({ f, s: cosine(b32.vectors[i], b32.vectors[j]) }))
        .sort((a, b) => b.s - a.s)
        .map((x) => idOf(x.f));
      expect(res.hits.map((h) => h.id)).toEqual(expected);
      expect(res.hits[0].score).toBeCloseTo(1, 2);
      for (const h of res.hits) expect(h.score).toBeCloseTo(cosine(b32.vectors[i], b32.vectors[b32.files.findIndex((f) => idOf(f) === h.id)]), 2);
    }
  });

  it('searches with a raw embedding of the dataset dimension', async () => {
    const res = await searchPairs({ dataset: 'b32', embedding: Array.from(b32.vectors[3], (x) => x * 7), limit: 1 }, t.db);
    expect(res.hits[0].caption).toBe(`test image ${b32.files[3]}`);
  });
});

describe('keyword, hybrid, filters, dedupe and paging', () => {
  it('ranks full-text matches of the keyword', async () => {
    const res = await searchPairs({ dataset: 'photos', keyword: 'cat' }, t.db);
    expect(res.mode).toBe('keyword');
    expect(res.hits.map((h) => h.caption)).toEqual(['a facial photo of a tabby cat']);
  });

  it('fuses text and keyword rankings (reciprocal rank fusion) in hybrid mode', async () => {
    const caption = 'a cup of coffee on a saucer';
    const res = await searchPairs({ dataset: 'photos', text: caption, keyword: 'coffee', modality: 'text', limit: 8 }, t.db);
    expect(res.mode).toBe('hybrid');
    expect(res.hits[0].caption).toBe(caption);
    expect(res.hits[0].score).toBeCloseTo(2 / 61, 6);
    expect(res.hits).toHaveLength(8);
  });

  it('applies filters to semantic results', async () => {
    const res = await searchPairs({ dataset: 'photos', text: 'anything', widthMin: 500, heightMin: 400 }, t.db);
    expect(res.hits.length).toBeGreaterThan(0);
    for (const h of res.hits) expect(h.width! >= 500 && h.height! >= 400).toBe(true);
  });

  it('pages with a cursor through every hit exactly once, in order', async () => {
    const all = await searchPairs({ dataset: 'photos', text: 'a horse', limit: 8 }, t.db);
    const seen: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await searchPairs({ dataset: 'photos', text: 'a horse', limit: 3, cursor }, t.db);
      seen.push(...page.hits.map((h) => h.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(all.hits.map((h) => h.id));
  });

  it('refuses a cursor from another query', async () => {
    const page = await searchPairs({ dataset: 'photos', text: 'a horse', limit: 3 }, t.db);
    await expect(searchPairs({ dataset: 'photos', text: 'a cat', limit: 3, cursor: page.nextCursor! }, t.db)).rejects.toThrow(/different query/);
  });

  it('collapses near-duplicates into one representative with a count', async () => {
    // The same photo ingested twice (two folders) gives identical vectors: one group of two.
    await ingestDataset(t.db, { path: join(DEMO_DIR, 'photos'), dataset: 'twice' });
    await embedDataset(t.db, { dataset: 'twice' });
    await t.db.query(`INSERT INTO pairs (dataset_id, source_file, source_id, source_row, caption, txt_emb, img_emb)
      SELECT dataset_id, source_file, 'copy', source_row, caption, txt_emb, img_emb FROM pairs WHERE dataset_id = (SELECT id FROM datasets WHERE name = 'twice')`);
    const plain = await searchPairs({ dataset: 'twice', text: 'a rocket', limit: 16 }, t.db);
    expect(plain.hits).toHaveLength(16);
    const deduped = await searchPairs({ dataset: 'twice', text: 'a rocket', limit: 16, dedupe: true }, t.db);
    expect(deduped.hits).toHaveLength(8);
    expect(deduped.hits.every((h) => h.duplicates === 1)).toBe(true);
    expect(new Set(deduped.hits.map((h) => h.caption)).size).toBe(8);
  });
});
