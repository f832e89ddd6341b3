// Test support: fast-check generators of malformed requests for any route: bodies, query strings, path parameters
// and headers, sent as an admin (so they pass auth and reach the schemas), anonymously, or with a bad token.
import fc from 'fast-check';
import { MUTATING, type FoundHandler } from './find-routes';
import { ORIGIN } from './call-route';

export interface FuzzCallers {
  admin: { cookie: string; token: string };
  /** A read-only token, for the `/t/<token>/` routes. */
  viewerToken: string;
  /** A session that better-auth's own endpoints may end or change (sign-out, revoke-sessions) without harm. */
  spareCookie: string;
}

export interface FuzzRequest {
  request: Request;
  params: Record<string, string>;
  /** What was sent, short, for the failure message. */
  label: string;
}

/** Near-valid bodies to mutate, so a mutation gets past the first check and reaches the deeper ones. */
const SAMPLES: Record<string, unknown> = {
  'POST /api/search': { keyword: 'cat', dataset: 'photos', limit: 10 },
  'POST /api/users': { email: 'fuzz@test.local', role: 'viewer' },
  'PATCH /api/users/[id]': { role: 'viewer', disabled: false },
  'POST /api/tokens': { name: 'fuzz', role: 'viewer', expiresInDays: 30 },
  'POST /api/takedowns': { kind: 'other', requester: 'x', items: [{ kind: 'url', value: 'https://x.example/1.jpg' }] },
  'PATCH /api/takedowns/[id]/matches': { itemId: 1, excluded: true },
  'POST /api/takedowns/[id]/close': { action: 'close' },
  'POST /api/blocklists': { name: 'fuzz', reason: 'csam' },
  'POST /api/opt-out': { name: 'n', contact: 'n@example.org', urls: ['https://x.example/2.jpg'], statement: 'Please remove it.' },
  'POST /api/exports': { source: { kind: 'dataset', dataset: 'photos' }, format: 'csv' },
  'POST /api/flags': { target: { kind: 'pairs', pairIds: [1] }, reason: 'watermark' },
  'POST /api/flags/preview': { kind: 'query', query: { dataset: 'photos', keyword: 'cat' } },
  'POST /api/flags/[id]/decision': { decision: 'confirm', note: 'x' },
  'POST /knn-service': { text: 'cat', modality: 'image', num_images: 10, indice_name: 'photos', deduplicate: true },
  'POST /metadata': { ids: [1, 2], indice_name: 'photos' },
  'POST /api/datasets/[name]/suggest': { pii: false },
  'POST /api/datasets/[name]/concept-rules': { rules: [1] },
  'POST /api/concept-rules': { name: 'fuzz', prompt: 'a cat', threshold: 0.2, reason: 'other' },
};
const sampleOf = (r: FoundHandler) => SAMPLES[`${r.method} ${r.path.replace(/^\/t\/\[token\]/, '')}`] ?? {};

const QUERY_KEYS = ['dataset', 'page', 'pageSize', 'format', 'size', 'v', 'before', 'actor', 'action', 'subject', 'from', 'to', 'state', 'kind', 'limit', 'q', 'reason', 'sort', 'origin', 'olderThanHours', 'after', 'active'];

/** Values no schema expects: not-quite numbers, control and astral characters, injection text, huge and empty. */
const weirdString = fc.oneof(
  fc.constantFrom('', ' ', 'NaN', 'Infinity', '-Infinity', '-0', '1e309', '0x1f', '0b11', ' 1 ', '1.5', '-1', '0', '9'.repeat(400), '\u0000', 'a\u0000b',
    '%00', '%zz', '../../etc/passwd', "'; DROP TABLE pairs; --", '<script>alert(1)</script>', '__proto__', 'constructor', 'toString', 'null', 'undefined',
    'true', '[]', '{}', '\uD800', '\uFEFF', '😀'.repeat(50), 'photos', 'a'.repeat(100_000), 'http://169.254.169.254/latest', 'file:///etc/passwd', 'javascript:alert(1)'),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
);
/** A JSON value in place of one field: wrong types, extremes, raw tokens JSON.stringify can't write (`@@RAW:…@@`). */
const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  weirdString,
  fc.constantFrom(null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER + 2, -1e308, 1e308, [], {}, [null], { length: -1 }, '@@RAW:1e999@@', '@@RAW:-1e999@@', '@@RAW:123456789012345678901234567890@@', '@@RAW:-0@@'),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.jsonValue({ maxDepth: 3 }),
  fc.array(weirdString, { maxLength: 5 }),
);
const idLike = fc.oneof(fc.constantFrom('1', '0', '-1', '999999', '1.5', '1e3', '0x10', ' 7', '9'.repeat(40), 'NaN', 'null', 'photos', '%00', '..', ''), weirdString, fc.bigInt({ min: 10n ** 6n, max: 10n ** 30n }).map(String));

const deep = (depth: number, open: string, close: string) => open.repeat(depth) + close.repeat(depth);

/** encodeURIComponent, but a lone surrogate (which it refuses) goes as the bytes a careless client would send. */
function enc(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '?')).replace(/%3F/g, '%ED%A0%80');
  }
}

function stringify(value: unknown): string {
  return JSON.stringify(value)?.replace(/"@@RAW:(.*?)@@"/g, '$1') ?? 'undefined';
}

/** Where the sample holds strings, two levels deep (arrays by index). */
function stringPaths(value: unknown, path: string[] = []): string[][] {
  if (typeof value === 'string') return [path];
  if (!value || typeof value !== 'object' || path.length >= 3) return [];
  return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...path, k]));
}

/** The sample with one field (maybe one level down) replaced, removed, or joined by prototype-polluting keys. */
function mutated(sample: unknown): fc.Arbitrary<string> {
  const obj = (sample ?? {}) as Record<string, unknown>;
  const keys = Object.keys(obj);
  const setField = fc.tuple(fc.constantFrom(...keys, 'extra', 'items', 'query'), weirdValue, fc.boolean()).map(([k, v, deeper]) => {
    const copy = structuredClone(obj);
    const inner = copy[k];
    if (deeper && inner && typeof inner === 'object') {
      const innerKeys = Object.keys(inner as object);
      (inner as Record<string, unknown>)[innerKeys[0] ?? '0'] = v;
    } else copy[k] = v;
    return stringify(copy);
  });
  const drop = fc.constantFrom(...(keys.length ? keys : ['x'])).map((k) => stringify(Object.fromEntries(Object.entries(obj).filter(([key]) => key !== k))));
  const polluted = fc.constantFrom('"__proto__":{"role":"admin","isAdmin":true}', '"constructor":{"prototype":{"role":"admin"}}', '"__proto__":null', '"prototype":1')
    .map((p) => { const text = stringify(obj); return text === '{}' ? `{${p}}` : `{${p},${text.slice(1)}`; });
  const nested = fc.tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), fc.constantFrom(50, 1000)).map(([k, depth]) => {
    const rest = stringify(Object.fromEntries(Object.entries(obj).filter(([key]) => key !== k))).slice(1, -1);
    return `{${stringify(k)}:${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}${rest ? `,${rest}` : ''}}`;
  });
  // A string field kept as it was but for a NUL, a lone surrogate, a bidi override or padding: past the schema's
  // type check, into what stores or searches it.
  const strings = stringPaths(obj);
  const poisoned = fc.tuple(fc.constantFrom(...(strings.length ? strings : [['x']])), fc.constantFrom('\u0000', 'a\u0000', '\uD800', '\u202E', '\uFFFF', ' '.repeat(1000), '%', '\\', "'")).map(([path, poison]) => {
    const copy = structuredClone(obj) as Record<string, unknown>;
    let at: Record<string, unknown> = copy;
    for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
    const last = path[path.length - 1];
    at[last] = `${typeof at[last] === 'string' ? at[last] : ''}${poison}`;
    return stringify(copy);
  });
  return fc.oneof(setField, setField, drop, polluted, nested, poisoned, poisoned);
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-16', 'text/plain', 'application/xml', 'application/x-www-form-urlencoded', 'image/png', '', 'multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary=zzz', 'application/json\u0000'];

type Body = { text?: string; bytes?: Uint8Array<ArrayBuffer>; form?: FormData; type?: string };

function bodies(r: FoundHandler): fc.Arbitrary<Body> {
  const json = fc.tuple(fc.oneof(mutated(sampleOf(r)), mutated(sampleOf(r)), fc.jsonValue({ maxDepth: 4 }).map(stringify), weirdValue.map(stringify)), fc.constantFrom(...CONTENT_TYPES, 'application/json', 'application/json'))
    .map(([text, type]) => ({ text, type }));
  const malformed = fc.oneof(
    fc.constantFrom('{', '{"a":', '[1,2', '{"keyword": "cat",}', "{'a': 1}", 'NaN', '\u0000', '{"a":1}{"b":2}', '\uFEFF{}', deep(100_000, '[', ']'), deep(10_000, '{"a":', '1') , ''),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.constant(sampleOf(r)).map((s) => stringify(s).slice(0, -3)),
  ).map((text) => ({ text, type: 'application/json' }));
  const binary = fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(...CONTENT_TYPES)).map(([bytes, type]) => ({ bytes: new Uint8Array(bytes), type }));
  const bogusMultipart = fc.tuple(fc.string({ maxLength: 200 }), fc.constantFrom('multipart/form-data; boundary=x', 'multipart/form-data; boundary="unclosed', 'multipart/form-data')).map(([text, type]) => ({ text: `--x\r\nContent-Disposition: form-data; name="query"\r\n\r\n${text}`, type }));
  const fields = fc.dictionary(fc.constantFrom('query', 'request', 'image', 'image0', 'image4', 'file', 'evil'), fc.oneof(weirdString, mutated(sampleOf(r)), fc.uint8Array({ maxLength: 200 }).map((b) => new Blob([new Uint8Array(b)]))), { maxKeys: 4 });
  const multipart = fields.map((f) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(f)) typeof v === 'string' ? form.append(k, v) : form.append(k, v, 'x.png');
    return { form };
  });
  return fc.oneof(json, json, malformed, binary, bogusMultipart, multipart, uploads(r), fc.constant({}));
}

/** Near-valid JSON for the upload routes, to send beside a file that is not what it claims. */
const UPLOAD_SAMPLES: Record<string, unknown[]> = {
  'POST /api/search': [{ dataset: 'photos' }, { dataset: 'photos', keyword: 'cat' }],
  'POST /api/takedowns': [{ kind: 'other', requester: 'x', items: [{ kind: 'image', upload: 'image0' }] }, { kind: 'other', requester: 'x', items: [{ kind: 'image', upload: 'image4', threshold: 0.9 }] }],
  'POST /api/blocklists': ['list.txt', 'list.csv', 'list.parquet', 'list', 'list.parquet.csv'].map((fileName) => ({ name: 'fuzz', fileName })),
  'POST /api/opt-out': [{ name: 'n', contact: 'n@example.org', statement: 'Please remove it.' }],
};
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
// A PNG header that claims 100,000 × 100,000 pixels: a decompression bomb's first bytes.
const HUGE_PNG = [...PNG_SIGNATURE, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0, 8, 6, 0, 0, 0, 0, 0, 0, 0];
const ascii = (t: string) => [...t].map((c) => c.charCodeAt(0));
/** Files that aren't what they say: random bytes, image and Parquet signatures with garbage after, text lists with junk. */
const fakeFiles = fc.oneof(
  fc.uint8Array({ maxLength: 500 }).map((b) => [...b]),
  fc.uint8Array({ maxLength: 300 }).map((b) => [...PNG_SIGNATURE, ...b]),
  fc.uint8Array({ maxLength: 300 }).map((b) => [...ascii('GIF89a'), ...b]),
  fc.uint8Array({ maxLength: 300 }).map((b) => [0xff, 0xd8, 0xff, 0xe0, ...b]),
  fc.uint8Array({ maxLength: 300 }).map((b) => [...ascii('PAR1'), ...b, ...ascii('PAR1')]),
  fc.constant(HUGE_PNG),
  fc.constantFrom('url\nhttps://x.example/1.jpg\n', 'url,caption\n"unclosed\n', '\u0000\u0000', 'https://x.example/\u0000.jpg\nnot a url\n', ',,,,\n'.repeat(50), 'domain\n*.example\n').map(ascii),
).map((bytes) => new Blob([new Uint8Array(bytes)]));

function uploads(r: FoundHandler): fc.Arbitrary<Body> {
  const samples = UPLOAD_SAMPLES[`${r.method} ${r.path}`] ?? [sampleOf(r)];
  return fc.tuple(fc.constantFrom(...samples), fakeFiles, fc.constantFrom('x.png', 'x.jpg', 'list.parquet', '', '../../x')).map(([json, file, name]) => {
    const form = new FormData();
    for (const field of ['query', 'request']) form.append(field, stringify(json));
    for (const field of ['image', 'image0', 'image4', 'file']) form.append(field, file, name);
    return { form };
  });
}

function params(r: FoundHandler, c: FuzzCallers): fc.Arbitrary<Record<string, string>> {
  const names = [...r.path.matchAll(/\[(?!\.\.\.)(\w+)\]/g)].map((m) => m[1]);
  const one = (name: string) => (name === 'token' ? fc.oneof(fc.constant(c.viewerToken), fc.constant(c.admin.token), idLike) : name === 'name' ? fc.oneof(fc.constant('photos'), idLike) : idLike);
  return fc.tuple(...names.map(one)).map((values) => Object.fromEntries(names.map((n, i) => [n, values[i]])));
}

const queryStrings = fc.oneof(
  fc.constant(''),
  fc.dictionary(fc.oneof(fc.constantFrom(...QUERY_KEYS, '__proto__', 'constructor'), weirdString), weirdString, { maxKeys: 4 }).map((d) => `?${new URLSearchParams(d)}`),
  fc.constantFrom('?%zz', '?&&==&', '?page=1&page=2', '?dataset', '?a[b]=1', '?__proto__[role]=admin', `?q=${'x'.repeat(8000)}`, '?%00=%00'),
);

/** Who asks: admin by cookie or token (past auth, into the schemas), anonymous, a bad token, or garbage credentials. */
const WHO = ['admin-cookie', 'admin-token', 'admin-cookie', 'admin-token', 'anonymous', 'bad-token', 'garbage'] as const;
const garbageHeaders = fc.dictionary(
  fc.constantFrom('cookie', 'authorization', 'origin', 'content-length', 'x-forwarded-for', 'host', 'sec-fetch-site', 'accept', 'content-encoding', 'transfer-encoding'),
  fc.oneof(fc.constantFrom('better-auth.session_token=garbage', 'better-auth.session_token=', 'Bearer', 'Bearer a b', 'Basic YTpi', 'Bearer sieve_xxx', 'null', 'https://evil.example', '-1', '0', '99999999999999', 'abc', '::1', '1.2.3.4, 5.6.7.8', 'evil.example', 'same-origin', 'gzip', 'chunked'), fc.string({ unit: 'grapheme-ascii', maxLength: 40 })),
  { maxKeys: 3 },
);

/** Paths better-auth answers under /api/auth (plus nonsense): it is fuzzed with a spare session, never the admin's. */
const AUTH_PATHS = ['sign-in/email', 'sign-up/email', 'sign-out', 'get-session', 'update-user', 'change-password', 'change-email', 'forget-password', 'reset-password', 'list-sessions', 'revoke-session', 'revoke-sessions', 'delete-user', 'ok', 'error', 'verify-email'];

export function fuzzRequests(r: FoundHandler, c: FuzzCallers): fc.Arbitrary<FuzzRequest> {
  const isAuth = r.path === '/api/auth/[...all]';
  const path = isAuth ? fc.oneof(fc.constantFrom(...AUTH_PATHS), weirdString.map(enc)).map((p) => `/api/auth/${p}`) : fc.constant(r.path);
  const body = MUTATING.has(r.method) ? bodies(r) : fc.constant<Body>({});
  const ip = fc.tuple(fc.nat(249), fc.nat(249)).map(([a, b]) => `10.66.${a}.${b}`);
  return fc.record({ who: fc.constantFrom(...WHO), path, params: params(r, c), query: queryStrings, body, garbage: garbageHeaders, ip }).map(({ who, path, params: p, query, body: b, garbage, ip: from }) => {
    const headers = new Headers({ host: new URL(ORIGIN).host, origin: ORIGIN, 'x-forwarded-for': from });
    const cookie = isAuth ? c.spareCookie : c.admin.cookie;
    if (who === 'admin-cookie') headers.set('cookie', cookie);
    if (who === 'admin-token') headers.set('authorization', `Bearer ${c.admin.token}`);
    if (who === 'bad-token') headers.set('authorization', 'Bearer sieve_not-a-real-token');
    if (who === 'garbage') for (const [k, v] of Object.entries(garbage)) try { headers.set(k, v); } catch { /* a value Headers refuses is one no client can send */ }
    if (b.type !== undefined) try { headers.set('content-type', b.type); } catch { /* as above */ }
    const url = `${ORIGIN}${path.replace(/\[(\w+)\]/g, (_, n: string) => enc(p[n] ?? ''))}${query}`;
    const payload = MUTATING.has(r.method) ? (b.form ?? b.bytes ?? b.text) : undefined;
    const label = `${r.method} ${url.slice(0, 200)} as ${who} ${JSON.stringify(Object.fromEntries(headers)).slice(0, 300)} body=${JSON.stringify(b.text ?? (b.bytes ? `${b.bytes.length} bytes` : b.form ? 'form' : '')).slice(0, 300)}`;
    return { request: new Request(url, { method: r.method, headers, body: payload }), params: p, label };
  });
}
