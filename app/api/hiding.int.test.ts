// Suspected CSAM, against real flag rows: once a pair (or another pair with its URL) has an open or confirmed
// csam_suspected flag, no route lists it or answers for it again, for any role; a reviewer sees a masked review item.
import { cp } from 'node:fs/promises';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDb } from '@/lib/db/get-db';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { decideFlag } from '@/lib/flags/decide-flag';
import { flagPairs } from '@/lib/flags/flag-pairs';
import { makeTempDir } from '@/lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '@/lib/ingest/ingest-dataset';
import { DEMO_DIR } from '@/lib/ingest/load-demo';
import { call, request } from './__fixtures__/call-route';
import { userWithRole } from './__fixtures__/sign-in';
import { GET as listPairs } from './pairs/route';
import { GET as getPair } from './pairs/[id]/route';
import { GET as image } from './pairs/[id]/image/route';
import { GET as thumbnail } from './pairs/[id]/thumbnail/route';
import { GET as neighbours } from './pairs/[id]/neighbours/route';
import { GET as duplicates } from './pairs/[id]/duplicates/route';
import { GET as review } from './review/route';
import { POST as search } from './search/route';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let admin: { id: string; cookie: string };
let local: { id: number; path: string };
const TWIN_URL = 'https://bad.example.net/abuse/1.jpg';
let twins: number[];
let innocent: number;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  tmp = await makeTempDir('hiding');
  process.env.SIEVE_HOME = tmp.dir;
  process.env.SIEVE_READ = 'signed-in';
  // (A copy: hiding deletes hidden pairs' local images, and the demo's own files must stay.)
  await cp(join(DEMO_DIR, 'clip-photos'), join(tmp.dir, 'clip-photos'), { recursive: true });
  await ingestDataset(t.db, { path: join(tmp.dir, 'clip-photos'), dataset: 'clip' });
  // Two rows share a URL (LAION has such repeats); only the first is ever flagged.
  parquetWriteFile({
    filename: join(tmp.dir, 'urls.parquet'),
    columnData: [
      { name: 'URL', data: [TWIN_URL, 'https://fine.example.org/a.jpg', TWIN_URL], type: 'STRING' },
      { name: 'TEXT', data: ['first copy', 'an innocent picture', 'second copy'], type: 'STRING' },
    ],
  });
  await ingestDataset(t.db, { path: join(tmp.dir, 'urls.parquet'), dataset: 'urls' });
  const rows = await t.db.query<{ id: number; url: string | null; image_path: string | null }>('SELECT id, url, image_path FROM pairs ORDER BY id');
  const first = rows[0];
  local = { id: first.id, path: first.image_path! };
  twins = rows.filter((r) => r.url === TWIN_URL).map((r) => r.id);
  innocent = rows.find((r) => r.url === 'https://fine.example.org/a.jpg')!.id;
  admin = await userWithRole(t.db, 'admin');
  const reporter = { kind: 'user' as const, id: admin.id, email: 'admin@test.local', name: 'a', role: 'admin' as const, via: 'session' as const, ip: null };
  await flagPairs(t.db, reporter, { target: { kind: 'pairs', pairIds: [local.id, twins[0]] }, reason: 'csam_suspected' });
});
afterAll(async () => {
  setDb(undefined);
  delete process.env.SIEVE_READ;
  await t?.close();
  await tmp?.cleanup();
});

type Pairish = { id: number; url: string | null; domain: string | null; imageSrc: string | null; thumbSrc: string | null; hidden: boolean; hash: string | null; sampleId: string | null };

/** Every pair object anywhere in an answer (hits, items, members, neighbours, review items…). */
function pairsIn(body: unknown, out: Pairish[] = []): Pairish[] {
  if (Array.isArray(body)) body.forEach((x) => pairsIn(x, out));
  else if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    if (typeof o.id === 'number' && 'imageSrc' in o) out.push(o as unknown as Pairish);
    Object.values(o).forEach((v) => pairsIn(v, out));
  }
  return out;
}

function expectNothingOf(body: unknown, ids: number[]) {
  const text = JSON.stringify(body);
  expect(text).not.toContain(TWIN_URL);
  expect(text).not.toContain('bad.example.net');
  expect(text).not.toContain(local.path);
  expect(pairsIn(body).filter((p) => ids.includes(p.id))).toEqual([]);
}

const as = () => ({ cookie: admin.cookie });
const json = async (res: Response) => {
  expect(res.status).toBe(200);
  return res.json();
};
const get = (route: typeof getPair, path: string, id: number, cookie = admin.cookie) => call(route, request('GET', path, undefined, { cookie }), { id: String(id) });

describe('the hiding rule', () => {
  it('leaves hidden pairs out of the pair list, search, neighbours and duplicates, even for an admin', async () => {
    const hidden = [local.id, ...twins];
    expectNothingOf(await json(await call(listPairs, request('GET', '/api/pairs?dataset=clip', undefined, as()))), hidden);
    const urls = await json(await call(listPairs, request('GET', '/api/pairs?dataset=urls', undefined, as())));
    expectNothingOf(urls, hidden);
    expect(urls.total).toBe(1);
    expectNothingOf(await json(await call(search, request('POST', '/api/search', { dataset: 'urls', flagState: 'any' }, as()))), hidden);
    expectNothingOf(await json(await call(search, request('POST', '/api/search', { dataset: 'clip', pairId: local.id + 5, flagState: 'any' }, as()))), hidden);
    expectNothingOf(await json(await get(neighbours, `/api/pairs/${local.id + 5}/neighbours`, local.id + 5)), hidden);
  });

  it('answers 404 for a hidden pair on every pair route, and refuses it as the seed of a search', async () => {
    for (const id of [local.id, ...twins]) {
      for (const route of [getPair, image, thumbnail, neighbours, duplicates]) {
        const res = await get(route, `/api/pairs/${id}/x`, id);
        expect(res.status).toBe(404);
        expect(res.headers.get('content-type')).toMatch(/json/);
      }
    }
    const seeded = await call(search, request('POST', '/api/search', { dataset: 'clip', pairId: local.id, flagState: 'any' }, as()));
    expect(seeded.status).toBe(400);
    expect(await seeded.json()).toMatchObject({ error: { message: `pairId: pair ${local.id} does not exist` } });
  });

  it('gives a reviewer the review item without anything that leads to the image', async () => {
    // Another reviewer's queue (four eyes keeps the reporter's own csam flags out of theirs).
    const other = await userWithRole(t.db, 'reviewer');
    const page = await json(await call(review, request('GET', '/api/review?reason=csam_suspected', undefined, { cookie: other.cookie })));
    expectNothingOf({ ...page, items: [] }, []);
    const items = pairsIn(page.items).filter((p) => [local.id, twins[0]].includes(p.id));
    expect(items.length).toBeGreaterThan(0);
    for (const p of items) expect(p).toMatchObject({ hidden: true, url: null, domain: null, imageSrc: null, thumbSrc: null, hash: null, sampleId: null });
    expect(JSON.stringify(page)).not.toContain(TWIN_URL);
    expect(JSON.stringify(page)).not.toContain(local.path);
    // The item names, by id and cause only, the pairs its flag hides with it.
    const twinItem = (page.items as { pair: { id: number }; hiding: object }[]).find((i) => i.pair.id === twins[0])!;
    expect(twinItem.hiding).toEqual({ hides: [{ pairId: twins[1], sourcePairId: twins[0], cause: 'url', cosine: null, dataset: 'urls' }], copies: [] });
  });

  it('leaves other pairs alone, and lifts the rule when the flag is rejected', async () => {
    const body = await json(await get(getPair, `/api/pairs/${innocent}`, innocent));
    expect(body).toMatchObject({ hidden: false, url: 'https://fine.example.org/a.jpg', domain: 'fine.example.org' });
    const other = await userWithRole(t.db, 'reviewer');
    const actor = { kind: 'user' as const, id: other.id, email: 'r@test.local', name: 'r', role: 'reviewer' as const, via: 'session' as const, ip: null };
    const [flag] = await t.db.query<{ id: number }>("SELECT id FROM flags WHERE pair_id = $1 AND reason = 'csam_suspected'", [local.id]);
    await decideFlag(t.db, actor, flag.id, { decision: 'reject' });
    expect((await get(getPair, `/api/pairs/${local.id}`, local.id)).status).toBe(200);
  });
});
