// Suspected CSAM, against real flag rows: once a pair (or another pair with its URL) has an open or confirmed
// csam_suspected flag, no route that returns pairs gives its URL, domain or image again, for any role.
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDb } from '@/lib/db/get-db';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
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
  await ingestDataset(t.db, { path: join(DEMO_DIR, 'clip-photos'), dataset: 'clip' });
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

type Pairish = { id: number; url: string | null; domain: string | null; imageSrc: string | null; thumbSrc: string | null; hidden: boolean };

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

function expectWithheld(body: unknown, ids: number[]) {
  const text = JSON.stringify(body);
  expect(text).not.toContain(TWIN_URL);
  expect(text).not.toContain('bad.example.net');
  expect(text).not.toContain(local.path);
  const found = pairsIn(body).filter((p) => ids.includes(p.id));
  expect(found.length).toBeGreaterThan(0);
  for (const p of found) expect(p).toMatchObject({ hidden: true, url: null, domain: null, imageSrc: null, thumbSrc: null });
}

const as = () => ({ cookie: admin.cookie });
const json = async (res: Response) => {
  expect(res.status).toBe(200);
  return res.json();
};

describe('the hiding rule', () => {
  it('holds in the pair list, the pair, search, neighbours, duplicates and the review queue, even for an admin', async () => {
    expectWithheld(await json(await call(listPairs, request('GET', '/api/pairs?dataset=clip', undefined, as()))), [local.id]);
    expectWithheld(await json(await call(listPairs, request('GET', '/api/pairs?dataset=urls', undefined, as()))), twins);
    expectWithheld(await json(await call(getPair, request('GET', `/api/pairs/${local.id}`, undefined, as()), { id: String(local.id) })), [local.id]);
    expectWithheld(await json(await call(getPair, request('GET', `/api/pairs/${twins[1]}`, undefined, as()), { id: String(twins[1]) })), [twins[1]]);
    expectWithheld(await json(await call(search, request('POST', '/api/search', { dataset: 'urls', flagState: 'any' }, as()))), twins);
    expectWithheld(await json(await call(search, request('POST', '/api/search', { dataset: 'clip', pairId: local.id + 5, flagState: 'any' }, as()))), [local.id]);
    expectWithheld(await json(await call(neighbours, request('GET', `/api/pairs/${local.id + 5}/neighbours`, undefined, as()), { id: String(local.id + 5) })), [local.id]);
    expectWithheld(await json(await call(duplicates, request('GET', `/api/pairs/${twins[1]}/duplicates`, undefined, as()), { id: String(twins[1]) })), [twins[0]]);
    // Another reviewer's queue (four eyes keeps the reporter's own csam flags out of theirs).
    const other = await userWithRole(t.db, 'reviewer');
    expectWithheld(await json(await call(review, request('GET', '/api/review?reason=csam_suspected', undefined, { cookie: other.cookie }))), [local.id, twins[0]]);
  });

  it('serves neither the image nor its thumbnail', async () => {
    for (const route of [image, thumbnail]) {
      const res = await call(route, request('GET', `/api/pairs/${local.id}/x`, undefined, as()), { id: String(local.id) });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/json/);
    }
  });

  it('leaves other pairs alone, and lifts the rule when the flag is rejected', async () => {
    const body = await json(await call(getPair, request('GET', `/api/pairs/${innocent}`, undefined, as()), { id: String(innocent) }));
    expect(body).toMatchObject({ hidden: false, url: 'https://fine.example.org/a.jpg', domain: 'fine.example.org' });
    await t.db.query("UPDATE flags SET state = 'rejected' WHERE pair_id = $1", [local.id]);
    expect((await call(thumbnail, request('GET', `/api/pairs/${local.id}/thumbnail`, undefined, as()), { id: String(local.id) })).status).toBe(200);
  });
});
