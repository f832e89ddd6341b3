// clip-retrieval's four routes as its clients reach them: the index list and clip-front's config, text / image / URL
// queries on a CLIP-embedded dataset, CORS, the /t/<token>/ prefix and SIEVE_READ, JSON errors, and a Python client.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Route } from '@/lib/api/api-route';
import { createToken } from '@/lib/auth/create-token';
import { setDb } from '@/lib/db/get-db';
import { embedDataset } from '@/lib/embeddings/embed-dataset';
import { makeTempDir } from '@/lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '@/lib/ingest/ingest-dataset';
import { DEMO_DIR } from '@/lib/ingest/load-demo';
import { useTinyClip } from '@/lib/search/__fixtures__/use-tiny-clip';
import { clipClientBody, clipClientRequest, clipFrontKnnBody, clipFrontRequest } from '@/lib/clip-retrieval/__fixtures__/clip-clients';
import type { KnnResult, MetadataEntry } from '@/lib/clip-retrieval/schemas';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { userWithRole } from './api/__fixtures__/sign-in';
import * as configJson from './config.json/route';
import * as indicesList from './indices-list/route';
import * as knnService from './knn-service/route';
import * as metadata from './metadata/route';
import * as tConfigJson from './t/[token]/config.json/route';
import * as tIndicesList from './t/[token]/indices-list/route';
import * as tKnnService from './t/[token]/knn-service/route';
import * as tMetadata from './t/[token]/metadata/route';

const ORIGIN = 'http://sieve.test';
const FRONT = 'https://clip-front.example.org';
const HORSE = 'a black-and-white silhouette of a horse';
let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let png: Buffer;
const tokens = { viewer: '', curator: '' };
const servers: http.Server[] = [];

/** Every clip-retrieval route by URL, as Next.js would route them (the Python client goes through this). */
const ROUTES: [RegExp, Record<string, Route>][] = [
  [/^\/knn-service$/, knnService],
  [/^\/metadata$/, metadata],
  [/^\/indices-list$/, indicesList],
  [/^\/config\.json$/, configJson],
  [/^\/t\/([^/]+)\/knn-service$/, tKnnService],
  [/^\/t\/([^/]+)\/metadata$/, tMetadata],
  [/^\/t\/([^/]+)\/indices-list$/, tIndicesList],
  [/^\/t\/([^/]+)\/config\.json$/, tConfigJson],
];

function dispatch(request: Request): Promise<Response> {
  const path = new URL(request.url).pathname;
  for (const [pattern, mod] of ROUTES) {
    const m = pattern.exec(path);
    const handler = m && mod[request.method];
    if (handler) return handler(request, { params: Promise.resolve(m[1] ? { token: decodeURIComponent(m[1]) } : ({} as Record<string, string>)) });
  }
  return Promise.resolve(new Response('not found', { status: 404 }));
}

const json = async <T = unknown>(res: Response) => ({ status: res.status, headers: res.headers, body: (await res.json()) as T });
const get = (path: string, headers: Record<string, string> = {}) => dispatch(new Request(`${ORIGIN}${path}`, { headers }));

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  process.env.SIEVE_READ = 'public';
  tmp = await makeTempDir('clip-routes');
  process.env.SIEVE_HOME = tmp.dir;
  await useTinyClip(join(tmp.dir, 'tiny-clip'));
  await ingestDataset(t.db, { path: join(DEMO_DIR, 'photos'), dataset: 'photos' });
  await embedDataset(t.db, { dataset: 'photos' });
  await ingestDataset(t.db, { path: join(DEMO_DIR, 'clip-photos'), dataset: 'clip-b32' });
  png = await readFile(join(DEMO_DIR, 'photos', '00000', '000000004.png'));
  for (const role of ['viewer', 'curator'] as const) {
    const user = await userWithRole(t.db, role);
    const actor = { kind: 'user' as const, id: user.id, email: `${role}@test.local`, name: role, role, via: 'session' as const, ip: null };
    tokens[role] = (await createToken(t.db, actor, { name: `${role} client`, role })).secret;
  }
});
afterAll(async () => {
  for (const s of servers) s.close();
  setDb(undefined);
  for (const v of ['SIEVE_READ', 'SIEVE_MODEL_DIR', 'SIEVE_FETCH_ALLOW', 'SIEVE_URL']) delete process.env[v];
  await t?.close();
  await tmp?.cleanup();
});

describe('GET /indices-list and /config.json', () => {
  it('lists the datasets, oldest first: the first is the index of a request whose indice_name is null', async () => {
    const res = await json<string[]>(await get('/indices-list'));
    expect(res).toMatchObject({ status: 200, body: ['photos', 'clip-b32'] });
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { body } = await json<KnnResult[]>(await dispatch(clipClientRequest(`${ORIGIN}/knn-service`, clipClientBody(null, { text: HORSE }))));
    expect(body[0].caption).toBe(HORSE);
  });

  it("names this server as clip-front's back end, with the token prefix when reached through one", async () => {
    expect((await json(await get('/config.json'))).body).toEqual({ defaultBackend: `${ORIGIN}/`, defaultIndex: '', urlColumn: 'url' });
    expect((await json(await get(`/t/${tokens.viewer}/config.json`))).body).toMatchObject({ defaultBackend: `${ORIGIN}/t/${tokens.viewer}/` });
    process.env.SIEVE_URL = 'https://sieve.example.org/';
    try {
      expect((await json(await get('/config.json'))).body).toMatchObject({ defaultBackend: 'https://sieve.example.org/' });
    } finally {
      delete process.env.SIEVE_URL;
    }
  });
});

describe('POST /knn-service on a CLIP-embedded dataset', () => {
  const knn = async (body: unknown) => json<KnnResult[]>(await dispatch(clipClientRequest(`${ORIGIN}/knn-service`, body)));

  it("answers ClipClient's text query (no Content-Type, aesthetic 9 ignored for a model LAION has no ratings for)", async () => {
    const { status, body } = await knn(clipClientBody('photos', { text: HORSE }));
    expect(status).toBe(200);
    // These photos have no URL, only a local file: clip-front shows the inline thumbnail instead, as from clip_back.
    expect(body[0]).toMatchObject({ caption: HORSE, image: expect.any(String), id: expect.any(Number), similarity: expect.any(Number) });
    expect(body[0].url).toBeUndefined();
    expect(Buffer.from(body[0].image!, 'base64').subarray(8, 12).toString()).toBe('WEBP');
    const plain = await knn(clipClientBody('photos', { text: HORSE }, { aesthetic_score: '', aesthetic_weight: '' }));
    expect(plain.body).toEqual(body);
  });

  it('ranks caption embeddings for any modality but "image": the same caption scores 1', async () => {
    const asText = await knn(clipClientBody('photos', { text: HORSE }, { modality: 'text' }));
    expect(asText.body[0]).toMatchObject({ caption: HORSE, similarity: expect.closeTo(1, 2) });
    const other = await knn(clipClientBody('photos', { text: HORSE }, { modality: 'caption' }));
    expect(other.body.map((r) => r.id)).toEqual(asText.body.map((r) => r.id));
    expect((await knn(clipClientBody('photos', { text: HORSE }))).body[0].similarity).toBeLessThan(0.999);
  });

  it('searches by an image sent as base64 (ClipClient with a local file) and by image_url through the guarded fetcher', async () => {
    const byImage = await knn(clipClientBody('photos', { image: png.toString('base64') }, { deduplicate: false }));
    expect(byImage.body[0]).toMatchObject({ caption: HORSE, similarity: expect.closeTo(1, 2) });
    const server = http.createServer((_q, s) => s.writeHead(200, { 'content-type': 'image/png' }).end(png));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/horse.png`;
    const refused = await knn(clipClientBody('photos', { imageUrl: url }));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ message: expect.stringMatching(/private or reserved address$/) });
    process.env.SIEVE_FETCH_ALLOW = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    expect((await knn(clipClientBody('photos', { imageUrl: url }))).body[0].caption).toBe(HORSE);
  });

  it('answers clip-front (text/plain body, its Origin echoed) with every pair there is when it asks for 3,000', async () => {
    const res = await json<KnnResult[]>(await dispatch(clipFrontRequest(`${ORIGIN}/knn-service`, clipFrontKnnBody('photos', { text: HORSE }), FRONT)));
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(FRONT);
    expect(res.headers.get('vary')).toMatch(/Origin/);
    const [{ n }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = 'photos'");
    expect(res.body.length).toBeGreaterThan(1);
    expect(res.body.length).toBeLessThanOrEqual(n);
    expect(res.body[0].caption).toBe(HORSE);
  });

  it('refuses use_mclip for a text query with a clear 400, and ignores it for other queries', async () => {
    const mclip = await knn(clipClientBody('photos', { text: HORSE }, { use_mclip: true }));
    expect(mclip).toMatchObject({ status: 400, body: { message: expect.stringMatching(/^use_mclip: .*multilingual/) } });
    const byImage = await knn(clipClientBody('photos', { image: png.toString('base64') }, { use_mclip: true }));
    expect(byImage.status).toBe(200);
  });
});

describe('errors: JSON with a message and a 4xx status for bad input, never a 500', () => {
  afterEach(() => vi.restoreAllMocks());
  const send = async (body: string, path = '/knn-service') => json<{ message: string; error: { code: string } }>(await dispatch(new Request(`${ORIGIN}${path}`, { method: 'POST', body, headers: { origin: FRONT } })));
  const cases: [string, string, number, RegExp][] = [
    ['malformed JSON', '{"text": "a cat",', 400, /JSON/],
    ['an empty body', '', 400, /JSON/],
    ['no num_images', JSON.stringify({ text: 'cat', modality: 'image', indice_name: 'photos' }), 400, /^num_images: required/],
    ['num_result_ids over 10,000', JSON.stringify({ text: 'cat', num_images: 40, num_result_ids: 10_001 }), 400, /^num_result_ids: /],
    ['a bad aesthetic_score', JSON.stringify({ text: 'cat', num_images: 4, aesthetic_score: 'ten', aesthetic_weight: '0.5' }), 400, /^aesthetic_score: an integer from 0 to 9/],
    ['no query at all', JSON.stringify(clipClientBody('photos', {})), 400, /give one of text, image \(base64\), image_url or embedding_input/],
    ['an unknown index', JSON.stringify(clipClientBody('laion5B-L-14', { text: 'cat' })), 404, /no index "laion5B-L-14"; this server has "photos", "clip-b32"/],
    ['an embedding of the wrong dimension', JSON.stringify(clipClientBody('photos', { embeddingInput: [0.1, 0.2, 0.3] })), 400, /3 dimensions; dataset "photos" has 32/],
    ['a text query on a dataset of another model', JSON.stringify(clipClientBody('clip-b32', { text: 'cat' })), 503, /Cannot search by meaning: the CLIP encoder gives 32-d vectors/],
    ['an image that is not base64', JSON.stringify(clipClientBody('photos', { image: 'not base64!' })), 400, /^image: not base64/],
    ['base64 of something that is not an image', JSON.stringify(clipClientBody('photos', { image: Buffer.from('<svg/>').toString('base64') })), 415, /not a JPEG, PNG, WebP or GIF/],
    ['an image_url that is not a URL', JSON.stringify(clipClientBody('photos', { imageUrl: 'horse.png' })), 400, /^image_url: "horse.png" is not a URL/],
    ['metadata ids that are not ids', JSON.stringify({ ids: [1, 'x'] }), 400, /^ids\.1: /],
    ['metadata of an unknown index', JSON.stringify({ ids: [1], indice_name: 'laion_400m' }), 404, /^indice_name: there is no index "laion_400m"; this server has "photos", "clip-b32"/],
  ];

  it.each(cases)('%s', async (what, body, status, message) => {
    // A 503 is logged as the server's own trouble; here it is expected.
    if (status === 503) vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await send(body, what.startsWith('metadata') ? '/metadata' : '/knn-service');
    expect({ status: res.status, message: res.body.message }).toEqual({ status, message: expect.stringMatching(message) });
    expect(res.body.error.code).toBeTruthy();
    expect(res.headers.get('access-control-allow-origin')).toBe(FRONT);
  });
});

describe('CORS as flask-cors: every route, every answer', () => {
  it('allows any page without an Origin (*), echoes an Origin with Vary, and answers preflights', async () => {
    expect((await get('/indices-list')).headers.get('access-control-allow-origin')).toBe('*');
    const echoed = await get('/indices-list', { origin: FRONT });
    expect(echoed.headers.get('access-control-allow-origin')).toBe(FRONT);
    expect(echoed.headers.get('vary')).toMatch(/Origin/);
    expect(echoed.headers.get('access-control-allow-credentials')).toBeNull();
    for (const path of ['/knn-service', '/metadata', '/indices-list', '/config.json', `/t/${tokens.viewer}/knn-service`]) {
      const res = await dispatch(new Request(`${ORIGIN}${path}`, { method: 'OPTIONS', headers: { origin: FRONT, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, x-custom' } }));
      expect(res.status, path).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(FRONT);
      expect(res.headers.get('access-control-allow-methods')).toMatch(/GET.*POST.*OPTIONS/);
      expect(res.headers.get('access-control-allow-headers')).toBe('content-type, x-custom');
    }
  });
});

describe('SIEVE_READ=signed-in: a token as a Bearer header or as a /t/<token>/ prefix', () => {
  beforeAll(() => {
    process.env.SIEVE_READ = 'signed-in';
  });
  afterAll(() => {
    process.env.SIEVE_READ = 'public';
  });
  const body = () => clipClientBody('photos', { text: HORSE });

  it('answers 401 JSON without a token, on every route but config.json', async () => {
    for (const res of [await dispatch(clipClientRequest(`${ORIGIN}/knn-service`, body())), await dispatch(clipClientRequest(`${ORIGIN}/metadata`, { ids: [1] })), await get('/indices-list')]) {
      expect(res.status).toBe(401);
      expect((await res.json()) as { message: string }).toMatchObject({ message: expect.stringMatching(/Sign in/) });
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
    }
    expect((await get('/config.json')).status).toBe(200);
  });

  it('takes a read-only token in the path, and any token as a Bearer header', async () => {
    const viaPath = await json<KnnResult[]>(await dispatch(clipClientRequest(`${ORIGIN}/t/${tokens.viewer}/knn-service`, body())));
    expect(viaPath.status).toBe(200);
    expect(viaPath.body[0].caption).toBe(HORSE);
    expect((await json<string[]>(await get(`/t/${tokens.viewer}/indices-list`))).body).toEqual(['photos', 'clip-b32']);
    const meta = await json<MetadataEntry[]>(await dispatch(clipClientRequest(`${ORIGIN}/t/${tokens.viewer}/metadata`, { ids: [viaPath.body[0].id] })));
    expect(meta.body[0].metadata.caption).toBe(HORSE);
    const viaHeader = await dispatch(new Request(`${ORIGIN}/knn-service`, { method: 'POST', headers: { authorization: `Bearer ${tokens.curator}` }, body: JSON.stringify(body()) }));
    expect(viaHeader.status).toBe(200);
  });

  it('refuses a token that could do more than read in a URL (403), and an unknown one (401)', async () => {
    const curator = await json<{ message: string }>(await dispatch(clipClientRequest(`${ORIGIN}/t/${tokens.curator}/knn-service`, body())));
    expect(curator).toMatchObject({ status: 403, body: { message: expect.stringMatching(/must be read-only \(role viewer\).*carries the curator role/) } });
    for (const path of [`/t/${tokens.curator}/indices-list`, `/t/${tokens.curator}/config.json`]) expect((await get(path)).status).toBe(403);
    const unknown = await json<{ message: string }>(await dispatch(clipClientRequest(`${ORIGIN}/t/sieve_nope/knn-service`, body())));
    expect(unknown).toMatchObject({ status: 401, body: { message: expect.stringMatching(/token in the URL .* unknown/) } });
  });
});

describe('a ClipClient-equivalent Python script (requests), over HTTP', () => {
  const python = async () => {
    try {
      await promisify(execFile)('python3', ['-c', 'import requests']);
      return true;
    } catch {
      return false;
    }
  };

  it('queries by text, by image file and by embedding through /t/<token>/knn-service', async (ctx) => {
    if (!(await python())) ctx.skip();
    process.env.SIEVE_READ = 'signed-in';
    const seen: { contentType: string | undefined; origin: string | undefined }[] = [];
    const server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      seen.push({ contentType: req.headers['content-type'], origin: req.headers.origin });
      const headers = Object.entries(req.headers).flatMap(([k, v]) => (typeof v === 'string' ? [[k, v] as [string, string]] : []));
      const answer = await dispatch(new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined }));
      res.writeHead(answer.status, Object.fromEntries(answer.headers)).end(Buffer.from(await answer.arrayBuffer()));
    });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/t/${tokens.viewer}`;
    const script = join(tmp.dir, 'clip_client.py');
    await writeFile(script, PYTHON_CLIENT);
    const image = join(DEMO_DIR, 'photos', '00000', '000000004.png');
    const [horse] = await t.db.query<{ v: string }>('SELECT img_emb::text AS v FROM pairs WHERE caption = $1', [HORSE]);
    try {
      const { stdout } = await promisify(execFile)('python3', [script, `${base}/knn-service`, 'photos', HORSE, image, horse.v], { timeout: 120_000 });
      const out = JSON.parse(stdout) as { indices: string[]; text: KnnResult[]; image: KnnResult[]; embedding: KnnResult[]; metadata: MetadataEntry[] };
      expect(out.indices).toEqual(['photos', 'clip-b32']);
      expect(out.text[0].caption).toBe(HORSE);
      expect(out.image[0]).toMatchObject({ caption: HORSE, similarity: expect.closeTo(1, 2) });
      expect(out.embedding[0]).toMatchObject({ caption: HORSE, similarity: expect.closeTo(1, 2) });
      expect(out.metadata).toEqual([{ id: out.text[0].id, metadata: expect.objectContaining({ caption: HORSE }) }]);
      expect(seen.every((s) => s.contentType === undefined && s.origin === undefined)).toBe(true);
    } finally {
      process.env.SIEVE_READ = 'public';
    }
  });
});

/** clip_client.py's request, with nothing but the standard library and requests (as ClipClient has). */
const PYTHON_CLIENT = `
import base64, json, sys
import requests

url, index, text, image_path, embedding = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], json.loads(sys.argv[5])

def knn(text=None, image=None, image_url=None, embedding_input=None):
    if image:
        with open(image, "rb") as f:
            image = base64.b64encode(f.read()).decode("utf-8")
    return requests.post(url, data=json.dumps({
        "text": text, "image": image, "image_url": image_url, "embedding_input": embedding_input,
        "deduplicate": True, "use_safety_model": True, "use_violence_detector": True,
        "indice_name": index, "use_mclip": False, "aesthetic_score": 9, "aesthetic_weight": 0.5,
        "modality": "image", "num_images": 40, "num_result_ids": 40,
    }), timeout=3600).json()

by_text = knn(text=text)
print(json.dumps({
    "indices": requests.get(url.replace("/knn-service", "/indices-list")).json(),
    "text": by_text,
    "image": knn(image=image_path),
    "embedding": knn(embedding_input=embedding),
    "metadata": requests.post(url.replace("/knn-service", "/metadata"), data=json.dumps({"ids": [by_text[0]["id"]]})).json(),
}))
`;
