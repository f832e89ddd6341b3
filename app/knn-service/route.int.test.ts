// clip-retrieval's /knn-service and /metadata answered by Sieve, replaying ClipClient's and clip-front's exact request
// bodies, with every answer checked against values this test computes itself from the stored vectors and scores.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDb } from '@/lib/db/get-db';
import { parseVectorText } from '@/lib/db/pgvector';
import { embedTexts } from '@/lib/embeddings/embed-texts';
import { decideFlag } from '@/lib/flags/decide-flag';
import { flagPairs } from '@/lib/flags/flag-pairs';
import { makeTempDir } from '@/lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '@/lib/ingest/ingest-dataset';
import { useTinyClip } from '@/lib/search/__fixtures__/use-tiny-clip';
import { clipClientBody, clipClientRequest, clipFrontKnnBody, clipFrontRequest } from '@/lib/clip-retrieval/__fixtures__/clip-clients';
import { writeLookalikeFolder } from '@/lib/clip-retrieval/__fixtures__/write-lookalike-folder';
import type { KnnResult, MetadataEntry } from '@/lib/clip-retrieval/schemas';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { SHARED_DATA } from '@/test/shared-data';
import { userWithRole } from '../api/__fixtures__/sign-in';
import { POST as metadataRoute } from '../metadata/route';
import { POST as knnRoute } from './route';

const ORIGIN = 'http://sieve.test';
const FRONT = 'https://clip-front.example.org';
let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;

interface Stored { id: number; row: number; vector: Float32Array; unit: Float32Array; punsafe: number | null; violence: number | null; url: string; caption: string }
const stored = new Map<number, Stored>();
const datasetRows = (name: string) => [...stored.values()].filter((s) => s.url.includes(name === 'laion-b32' ? '/512/' : '/32/'));

// Deterministic LAION-like scores by parquet row: ~15 % unsafe, ~12 % violent, some never scored (NULL). One
// statement without joins, which every back end (Citus too) runs as is; the test reads the values back.
const frac = (x: string) => `((${x}) - floor(${x}))`;
const SET_SCORES = `UPDATE pairs SET
  punsafe = CASE WHEN source_row % 9 = 4 THEN NULL WHEN ${frac('source_row * 0.618034')} < 0.15 THEN 0.55 + 2 * ${frac('source_row * 0.618034')}
                 ELSE 0.5 * ${frac('source_row * 0.618034')} END,
  violence = CASE WHEN source_row % 7 = 3 THEN NULL WHEN ${frac('source_row * 0.754878')} < 0.12 THEN 0.6 + ${frac('source_row * 0.754878')}
                  ELSE 0.45 * ${frac('source_row * 0.754878')} END`;

const dot = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
};
const unit = (a: ArrayLike<number>) => Float32Array.from(a, (x) => x / Math.sqrt(dot(a, a)));
const cosine = (a: Float32Array, b: Float32Array) => dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));

/** LAION's rating{k}.npy read straight from the shared data (float32, shape (1, 512)), not through lib/signals. */
async function rating(k: number): Promise<Float32Array> {
  const buf = await readFile(join(SHARED_DATA, 'aesthetic', 'vit_b_32_embeddings', `rating${k}.npy`));
  const headerLen = buf.readUInt16LE(8);
  return new Float32Array(buf.buffer.slice(buf.byteOffset + 10 + headerLen, buf.byteOffset + buf.length));
}

/** What Sieve should answer, by brute force: filters, cosine order (to `q`, a unit vector), greedy near-duplicate folding (≥ 0.94), top k. */
function expected(rows: Stored[], q: Float32Array, k: number, o: { safe: boolean; violence: boolean; dedupe: boolean }): Stored[] {
  const kept: Stored[] = [];
  const ranked = rows
    .filter((r) => !(o.safe && r.punsafe !== null && r.punsafe > 0.5) && !(o.violence && r.violence !== null && r.violence > 0.5))
    .map((r) => ({ r, s: dot(q, r.unit) }))
    .sort((a, b) => b.s - a.s);
  for (const { r } of ranked) {
    if (kept.length === k) break;
    if (!o.dedupe || !kept.some((x) => dot(x.unit, r.unit) >= 0.94)) kept.push(r);
  }
  return kept;
}

const knn = async (req: Request) => {
  const res = await knnRoute(req);
  return { res, body: (await res.json()) as KnnResult[] };
};
const overlap = (a: number[], b: number[]) => {
  const inB = new Set(b);
  return a.filter((x) => inB.has(x)).length / Math.max(a.length, 1);
};

function expectFilters(results: KnnResult[], o: { safe: boolean; violence: boolean; dedupe: boolean }) {
  const rows = results.map((r) => stored.get(r.id)!);
  if (o.safe) expect(rows.filter((r) => r.punsafe !== null && r.punsafe > 0.5)).toEqual([]);
  if (o.violence) expect(rows.filter((r) => r.violence !== null && r.violence > 0.5)).toEqual([]);
  if (o.dedupe) {
    let closest = -1;
    for (let i = 0; i < rows.length; i++) for (let j = 0; j < i; j++) closest = Math.max(closest, dot(rows[i].unit, rows[j].unit));
    expect(closest).toBeLessThan(0.94);
  }
  for (let i = 1; i < results.length; i++) expect(results[i].similarity).toBeLessThanOrEqual(results[i - 1].similarity + 1e-9);
}

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  process.env.SIEVE_READ = 'public';
  tmp = await makeTempDir('clip-knn');
  process.env.SIEVE_HOME = tmp.dir;
  await useTinyClip(join(tmp.dir, 'tiny-clip'));
  await writeLookalikeFolder(join(tmp.dir, 'b32'), 200, 512);
  await ingestDataset(t.db, { path: join(tmp.dir, 'b32'), dataset: 'laion-b32' });
  await writeLookalikeFolder(join(tmp.dir, 'tiny'), 1500, 32);
  await ingestDataset(t.db, { path: join(tmp.dir, 'tiny'), dataset: 'laion-tiny' });
  await t.db.query(SET_SCORES);
  const rows = await t.db.query<{ id: number; row: number; v: string; punsafe: number | null; violence: number | null; url: string; caption: string }>(
    'SELECT id, source_row AS row, img_emb::text AS v, punsafe, violence, url, caption FROM pairs',
  );
  for (const r of rows) {
    const vector = parseVectorText(r.v)!;
    stored.set(r.id, { ...r, vector, unit: unit(vector) });
  }
});
afterAll(async () => {
  setDb(undefined);
  delete process.env.SIEVE_READ;
  delete process.env.SIEVE_MODEL_DIR;
  await t?.close();
  await tmp?.cleanup();
});

describe("ClipClient's query(embedding_input=…) with its defaults (dedupe, safety, violence, aesthetic 9 at 0.5)", () => {
  const b32 = () => datasetRows('laion-b32');
  // The first look-alike of direction 0, as a client would send it: raw, not normalised; row 0 itself is unsafe.
  const query = () => Array.from(b32().find((r) => r.row === 0)!.vector, (x) => x * 3);

  it('answers num_images results with metadata, none unsafe, violent or near-duplicate, where clip-retrieval would return fewer', async () => {
    const { res, body } = await knn(clipClientRequest(`${ORIGIN}/knn-service`, clipClientBody('laion-b32', { embeddingInput: query() })));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(body).toHaveLength(40);
    for (const r of body) {
      expect(r).toMatchObject({ id: expect.any(Number), similarity: expect.any(Number), url: stored.get(r.id)!.url, caption: stored.get(r.id)!.caption });
      expect(r.NSFW).toMatch(/^(UNLIKELY|UNSURE)$/);
    }
    expectFilters(body, { safe: true, violence: true, dedupe: true });

    // clip-retrieval filters its 40 nearest afterwards: what would be left of them.
    const steered = unit(Float32Array.from(query(), (x, i) => x + 0.5 * ratingNine[i]));
    const nearest = expected(b32(), steered, 40, { safe: false, violence: false, dedupe: false });
    const survivors = expected(nearest, steered, 40, { safe: true, violence: true, dedupe: true });
    expect(survivors.length).toBeLessThan(40);
    expect(overlap(body.map((r) => r.id), expected(b32(), steered, 40, { safe: true, violence: true, dedupe: true }).map((r) => r.id))).toBeGreaterThanOrEqual(0.9);
  });

  let ratingNine: Float32Array;
  beforeAll(async () => {
    ratingNine = await rating(9);
  });

  it("steers the query to LAION's rating embedding: similarity = cosine(normalise(q + weight × rating[score]), stored)", async () => {
    const asNumbers = (await knn(clipClientRequest(`${ORIGIN}/knn-service`, clipClientBody('laion-b32', { embeddingInput: query() })))).body;
    const asStrings = (await knn(clipClientRequest(`${ORIGIN}/knn-service`, clipClientBody('laion-b32', { embeddingInput: query() }, { aesthetic_score: '9', aesthetic_weight: '0.5' })))).body;
    const off = (await knn(clipClientRequest(`${ORIGIN}/knn-service`, clipClientBody('laion-b32', { embeddingInput: query() }, { aesthetic_score: '', aesthetic_weight: '' })))).body;
    const zero = (await knn(clipClientRequest(`${ORIGIN}/knn-service`, clipClientBody('laion-b32', { embeddingInput: query() }, { aesthetic_score: 0, aesthetic_weight: 2 })))).body;
    expect(asStrings).toEqual(asNumbers);

    const q = Float32Array.from(query());
    const ratingZero = await rating(0);
    const check = (results: KnnResult[], direction: Float32Array) => {
      for (const r of results) expect(r.similarity).toBeCloseTo(cosine(direction, stored.get(r.id)!.vector), 2);
    };
    check(asNumbers, Float32Array.from(q, (x, i) => x + 0.5 * ratingNine[i]));
    check(off, q);
    check(zero, Float32Array.from(q, (x, i) => x + 2 * ratingZero[i]));
    expect(zero.map((r) => r.id)).not.toEqual(off.map((r) => r.id));
  });

  it('without the safety and violence switches, the unsafe and violent nearest pairs come back', async () => {
    const { body } = await knn(
      clipClientRequest(`${ORIGIN}/knn-service`, clipClientBody('laion-b32', { embeddingInput: query() }, { use_safety_model: false, use_violence_detector: false, deduplicate: false })),
    );
    const first = stored.get(body[0].id)!;
    expect(first.row).toBe(0);
    expect(first.punsafe).toBeGreaterThan(0.5);
    expect(first.violence).toBeGreaterThan(0.5);
  });
});

describe("clip-front's search: text/plain, 40 shown of 3,000 ids, then /metadata as the page scrolls", () => {
  const tiny = () => datasetRows('laion-tiny');
  const front = (body: unknown) => knn(clipFrontRequest(`${ORIGIN}/knn-service`, body, FRONT));
  let text: Float32Array;
  let first: KnnResult[];

  beforeAll(async () => {
    [text] = await embedTexts(['a photo of a cat']);
    first = (await front(clipFrontKnnBody('laion-tiny', { text: 'a photo of a cat' }))).body;
  });

  it('answers all 3,000: the first 40 with metadata, the rest as { id, similarity }, filtered inside the scan', async () => {
    expect(first).toHaveLength(3000);
    for (const r of first.slice(0, 40)) expect(Object.keys(r).sort()).toEqual(expect.arrayContaining(['caption', 'id', 'similarity', 'url', 'NSFW', 'width']));
    for (const r of first.slice(40)) expect(Object.keys(r).sort()).toEqual(['id', 'similarity']);
    expectFilters(first, { safe: true, violence: true, dedupe: true });
    // Pairs nobody scored are kept, as Sieve's filters keep pairs without a value.
    expect(first.some((r) => stored.get(r.id)!.punsafe === null)).toBe(true);
    expect(first.some((r) => stored.get(r.id)!.violence === null)).toBe(true);
    const want = expected(tiny(), text, 3000, { safe: true, violence: true, dedupe: true });
    expect(overlap(first.map((r) => r.id), want.map((r) => r.id))).toBeGreaterThanOrEqual(0.95);
    expect(first[0].similarity).toBeCloseTo(cosine(text, stored.get(first[0].id)!.vector), 2);
    // clip-retrieval would drop the unsafe and violent ones among its 3,000 nearest and return the rest.
    const nearest = expected(tiny(), text, 3000, { safe: false, violence: false, dedupe: false });
    expect(expected(nearest, text, 3000, { safe: true, violence: true, dedupe: false }).length).toBeLessThan(2700);
  });

  it('gives /metadata for the next ids in request order, as sent, from a text/plain body', async () => {
    const next = first.slice(40, 80).map((r) => r.id);
    const res = await metadataRoute(clipFrontRequest(`${ORIGIN}/metadata`, { ids: next, indice_name: 'laion-tiny' }, FRONT));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(FRONT);
    const body = (await res.json()) as MetadataEntry[];
    expect(body.map((e) => e.id)).toEqual(next);
    for (const e of body) expect(e.metadata).toMatchObject({ url: stored.get(e.id as number)!.url, caption: stored.get(e.id as number)!.caption });
    const asText = (await (await metadataRoute(clipFrontRequest(`${ORIGIN}/metadata`, { ids: [String(next[0]), 999_999_999], indice_name: null }, FRONT))).json()) as MetadataEntry[];
    expect(asText).toEqual([{ id: String(next[0]), metadata: body[0].metadata }, { id: 999_999_999, metadata: {} }]);
    expect(await (await metadataRoute(clipFrontRequest(`${ORIGIN}/metadata`, { ids: [], indice_name: 'laion-tiny' }, FRONT))).json()).toEqual([]);
  });

  it('answers 10,000 ids with one SQL query', async () => {
    const ids = [...tiny().map((r) => r.id), ...Array.from({ length: 4000 }, (_, i) => 10_000_000 + i)].sort((a, b) => (a * 7919) % 10007 - (b * 7919) % 10007);
    const spy = vi.spyOn(t.db, 'query');
    const res = await metadataRoute(clipFrontRequest(`${ORIGIN}/metadata`, { ids, indice_name: 'laion-tiny' }, FRONT));
    const body = (await res.json()) as MetadataEntry[];
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(body.map((e) => e.id)).toEqual(ids);
    expect(body.filter((e) => e.metadata.url).length).toBe(6000);
  });

  it('never returns hidden or flagged pairs (suspected CSAM and its URL twin, open and confirmed flags), and still fills 3,000', async () => {
    const plain = (await front({ ...clipFrontKnnBody('laion-tiny', { text: 'a photo of a cat' }), deduplicate: false })).body;
    // A suspected-CSAM pair whose URL twin (never flagged itself) would be among the first 40 too.
    const top = plain.slice(0, 40).map((r) => r.id);
    const twinOf = (id: number) => tiny().find((r) => r.url === stored.get(id)!.url && r.id !== id)!.id;
    const open = top[0];
    const csam = top.find((id) => id !== open && twinOf(id) !== open && top.includes(twinOf(id)))!;
    const twin = twinOf(csam);
    const confirmed = top.find((id) => ![open, csam, twin].includes(id))!;
    const admin = await userWithRole(t.db, 'admin');
    const reviewer = await userWithRole(t.db, 'reviewer');
    const as = (u: { id: string }, role: 'admin' | 'reviewer') => ({ kind: 'user' as const, id: u.id, email: `${role}@test.local`, name: role, role, via: 'session' as const, ip: null });
    await flagPairs(t.db, as(admin, 'admin'), { target: { kind: 'pairs', pairIds: [open, confirmed] }, reason: 'watermark' });
    await flagPairs(t.db, as(admin, 'admin'), { target: { kind: 'pairs', pairIds: [csam] }, reason: 'csam_suspected' });
    const [flag] = await t.db.query<{ id: number }>('SELECT id FROM flags WHERE pair_id = $1', [confirmed]);
    await decideFlag(t.db, as(reviewer, 'reviewer'), flag.id, { decision: 'confirm' });

    const gone = new Set([open, csam, confirmed, twin]);
    const again = (await front({ ...clipFrontKnnBody('laion-tiny', { text: 'a photo of a cat' }), deduplicate: false })).body;
    expect(again).toHaveLength(3000);
    expect(again.filter((r) => gone.has(r.id))).toEqual([]);
    const deduped = (await front(clipFrontKnnBody('laion-tiny', { text: 'a photo of a cat' }))).body;
    expect(deduped).toHaveLength(3000);
    expect(deduped.filter((r) => gone.has(r.id))).toEqual([]);
    const meta = (await (await metadataRoute(clipFrontRequest(`${ORIGIN}/metadata`, { ids: [...gone, again[0].id], indice_name: 'laion-tiny' }, FRONT))).json()) as MetadataEntry[];
    expect(meta.map((e) => Object.keys(e.metadata).length > 0)).toEqual([false, false, false, false, true]);
  });
});
