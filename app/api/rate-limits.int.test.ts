// Rate limits on a real database: per account and per address on search and uploads, the opt-out form and sign-in;
// every refusal a JSON 429 with Retry-After, other callers unaffected, and the next window open again.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ANONYMOUS_SHARE } from '@/lib/api/check-rate-limit';
import { SIGN_IN_THROTTLE } from '@/lib/auth/sign-in-throttle';
import { SIGN_IN_RATE_LIMIT } from '@/lib/auth/auth-options';
import { cliActor } from '@/lib/auth/cli-actor';
import { createUser } from '@/lib/auth/create-user';
import { setDb } from '@/lib/db/get-db';
import { makeTempDir } from '@/lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '@/lib/ingest/ingest-dataset';
import { DEMO_DIR } from '@/lib/ingest/load-demo';
import { OPT_OUT_LIMIT } from '@/lib/takedowns/submit-opt-out';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { call, ORIGIN, request, type As } from './__fixtures__/call-route';
import { PASSWORD, userWithRole } from './__fixtures__/sign-in';
import { POST as authPost } from './auth/[...all]/route';
import { POST as optOut } from './opt-out/route';
import { POST as search } from './search/route';
import { POST as takedowns } from './takedowns/route';
import { POST as knn } from '../knn-service/route';
import { GET as duplicateCounts } from './datasets/[name]/duplicates/route';
import { GET as nearDuplicates } from './datasets/[name]/near-duplicates/route';
import { GET as overview } from './datasets/[name]/overview/route';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let png: Buffer;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  tmp = await makeTempDir('rate-limits');
  process.env.SIEVE_HOME = tmp.dir;
  process.env.SIEVE_READ = 'public';
  await ingestDataset(t.db, { path: join(DEMO_DIR, 'photos'), dataset: 'photos' });
  png = await readFile(join(DEMO_DIR, 'photos', '00000', '000000004.png'));
});
afterEach(() => {
  vi.restoreAllMocks();
  delete process.env.SIEVE_RATE_LIMIT_SEARCH;
  delete process.env.SIEVE_RATE_LIMIT_UPLOAD;
  delete process.env.SIEVE_RATE_LIMIT_SCAN;
});
afterAll(async () => {
  setDb(undefined);
  delete process.env.SIEVE_READ;
  await t?.close();
  await tmp?.cleanup();
});

const searchAs = (as: As) => call(search, request('POST', '/api/search', { keyword: 'dog' }, as));

async function expect429(res: Response, message: RegExp) {
  expect(res.status).toBe(429);
  expect(res.headers.get('content-type')).toMatch(/json/);
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter > 0).toBe(true);
  const body = (await res.json()) as { error: { code: string; message: string; details: { retryAfter: number } } };
  expect(body.error).toMatchObject({ code: 'rate_limited', message: expect.stringMatching(message), details: { retryAfter } });
  return retryAfter;
}

/** A minute and a second later, for the limiter's clock. */
const aMinuteLater = () => {
  const now = Date.now();
  vi.spyOn(Date, 'now').mockImplementation(() => now + 61_000);
};

describe('search', () => {
  it('answers the N+1st search of an account in a minute with a 429, shared with /knn-service; others go on; the next minute is open', async () => {
    process.env.SIEVE_RATE_LIMIT_SEARCH = '4';
    const a = await userWithRole(t.db, 'viewer', 'search-a@test.local');
    const b = await userWithRole(t.db, 'viewer', 'search-b@test.local');
    for (let i = 0; i < 3; i++) expect((await searchAs({ cookie: a.cookie })).status).toBe(200);
    const clip = await call(knn, request('POST', '/knn-service', { text: 'dog', indice_name: 'photos', num_images: 2 }, { cookie: a.cookie }));
    expect(clip.status).not.toBe(429);
    const retryAfter = await expect429(await searchAs({ cookie: a.cookie }), /Too many searches for your account: at most 4 a minute/);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const clipRefused = await call(knn, request('POST', '/knn-service', { text: 'dog', indice_name: 'photos' }, { cookie: a.cookie }));
    expect(clipRefused.status).toBe(429);
    expect((await clipRefused.json()).message).toMatch(/Too many searches/);
    // Another account, even from the same address, is counted on its own.
    expect((await searchAs({ cookie: b.cookie, ip: '10.50.0.1' })).status).toBe(200);
    aMinuteLater();
    expect((await searchAs({ cookie: a.cookie })).status).toBe(200);
  });

  it('counts anonymous callers by address, with a smaller share', async () => {
    process.env.SIEVE_RATE_LIMIT_SEARCH = '5';
    const perIp = Math.ceil(5 * ANONYMOUS_SHARE);
    for (let i = 0; i < perIp; i++) expect((await searchAs({ ip: '10.60.0.1' })).status).toBe(200);
    await expect429(await searchAs({ ip: '10.60.0.1' }), new RegExp(`Too many searches from your address: at most ${perIp} a minute`));
    expect((await searchAs({ ip: '10.60.0.2' })).status).toBe(200);
  });

  it('is off at 0', async () => {
    process.env.SIEVE_RATE_LIMIT_SEARCH = '0';
    for (let i = 0; i < 20; i++) expect((await searchAs({ ip: '10.61.0.1' })).status).toBe(200);
  });
});

describe('dataset scans', () => {
  it("counts a dataset's overview, duplicate counts and near-duplicates in one budget, apart from searches", async () => {
    process.env.SIEVE_RATE_LIMIT_SCAN = '5';
    const perIp = Math.ceil(5 * ANONYMOUS_SHARE);
    const scans = [overview, duplicateCounts, nearDuplicates].map((route, i) => () =>
      call(route, request('GET', `/api/datasets/photos/${['overview', 'duplicates', 'near-duplicates'][i]}`, undefined, { ip: '10.62.0.1' }), { name: 'photos' }));
    for (let i = 0; i < perIp; i++) expect((await scans[i % 3]()).status).toBe(200);
    for (const scan of scans) await expect429(await scan(), new RegExp(`Too many dataset scans \\(overview, duplicates\\) from your address: at most ${perIp} a minute`));
    expect((await searchAs({ ip: '10.62.0.1' })).status).toBe(200);
    aMinuteLater();
    expect((await scans[0]()).status).toBe(200);
  });
});

describe('uploads', () => {
  it('limits takedown requests per account before the body is read, writing nothing', async () => {
    process.env.SIEVE_RATE_LIMIT_UPLOAD = '2';
    const c = await userWithRole(t.db, 'curator', 'upload-c@test.local');
    const body = { kind: 'other', requester: 'x', items: [{ kind: 'url', value: 'https://x.example/1.jpg' }] };
    for (let i = 0; i < 2; i++) expect((await call(takedowns, request('POST', '/api/takedowns', body, { cookie: c.cookie }))).status).toBe(200);
    const before = await t.db.query('SELECT id FROM takedowns');
    await expect429(await call(takedowns, request('POST', '/api/takedowns', body, { cookie: c.cookie })), /Too many uploads for your account: at most 2/);
    expect(await t.db.query('SELECT id FROM takedowns')).toEqual(before);
  });

  it('counts an image search as a search and an upload', async () => {
    process.env.SIEVE_RATE_LIMIT_UPLOAD = '1';
    const v = await userWithRole(t.db, 'viewer', 'upload-v@test.local');
    const imageSearch = () => {
      const form = new FormData();
      form.set('query', JSON.stringify({ dataset: 'photos' }));
      form.set('image', new Blob([png as Uint8Array<ArrayBuffer>]), 'upload.png');
      const headers = request('POST', '/api/search', undefined, { cookie: v.cookie, ip: '10.55.0.1' }).headers;
      return call(search, new Request(`${ORIGIN}/api/search`, { method: 'POST', body: form, headers }));
    };
    // The first image search may fail for want of embeddings (no model here); it is counted all the same.
    expect((await imageSearch()).status).not.toBe(429);
    await expect429(await imageSearch(), /Too many uploads for your account/);
    // A keyword search by the same account is not an upload.
    expect((await searchAs({ cookie: v.cookie })).status).toBe(200);
  });
});

describe('the public opt-out form', () => {
  it(`answers the request past ${OPT_OUT_LIMIT.perHour} an hour from one address with a 429 saying when a slot frees`, async () => {
    const form = (i: number, ip: string) => call(optOut, request('POST', '/api/opt-out', { name: `n${i}`, contact: 'x@example.org', urls: [`https://x.example/${i}.jpg`], statement: 'Remove this, please.' }, { ip }));
    for (let i = 0; i < OPT_OUT_LIMIT.perHour; i++) expect((await form(i, '10.70.0.1')).status).toBe(200);
    const retryAfter = await expect429(await form(99, '10.70.0.1'), /Too many requests from your address in the last hour/);
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect((await form(100, '10.70.0.2')).status).toBe(200);
  });
});

describe('sign-in', () => {
  const signIn = (email: string, password: string, ip: string) => authPost(request('POST', '/api/auth/sign-in/email', { email, password }, { ip }));

  it('per address: better-auth refuses with a JSON message and a Retry-After', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    // A different e-mail each time: the limit per address, not the throttle per account.
    for (let i = 0; i <= SIGN_IN_RATE_LIMIT.max; i++) statuses.push((last = await signIn(`nobody${i}@test.local`, 'not the password', '10.80.0.1')).status);
    expect(statuses.slice(0, SIGN_IN_RATE_LIMIT.max).every((s) => s === 401)).toBe(true);
    expect(last!.status).toBe(429);
    const retryAfter = Number(last!.headers.get('retry-after'));
    expect(retryAfter > 0 && retryAfter <= SIGN_IN_RATE_LIMIT.window).toBe(true);
    expect((await last!.json()).message).toMatch(/Too many requests/);
    expect((await signIn('nobody@test.local', 'not the password', '10.80.0.2')).status).toBe(401);
  });

  it('per account: after many failures an attempt waits, answered 429 with a JSON message and a short Retry-After', async () => {
    await createUser(t.db, cliActor(), { email: 'throttled@test.local', password: PASSWORD });
    for (let i = 0; i < SIGN_IN_THROTTLE.perAccount.free; i++) expect((await signIn('throttled@test.local', `guess number ${i}`, `10.81.0.${i}`)).status).toBe(401);
    const res = await signIn('throttled@test.local', PASSWORD, '10.81.1.1');
    expect(res.status).toBe(429);
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter >= 1 && retryAfter <= SIGN_IN_THROTTLE.perAccount.maxDelaySeconds).toBe(true);
    expect((await res.json()).message).toMatch(/Too many failed sign-ins for this account: try again in \d+ seconds?/);
  });
});
