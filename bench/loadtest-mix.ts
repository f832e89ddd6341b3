// What each of the load test's connections does, in a loop: the request sequence below (autocannon walks it in
// order and starts again, with a fresh context), so the mix is fixed by the sequence. A connection flags a pair no
// other connection touches, reads that pair's flags as the reviewer and decides the flag it just raised: every
// decision targets a distinct open flag, so a 409 can only be a bug, and any answer but 2xx counts as an error.
import type autocannon from 'autocannon';
import { flagKey, type ClientLog, type Decision } from './loadtest-ledger';
import type { RouteStats } from './loadtest-stats';

export const ROUTES = [
  'POST /api/search (embedding)',
  'POST /api/search (keyword)',
  'GET /api/pairs/:id',
  'GET /pairs/:id (page)',
  'POST /api/search (more like pair)',
  'POST /api/flags',
  'GET /api/pairs/:id/flags',
  'POST /api/flags/:id/decision',
] as const;
export type Route = (typeof ROUTES)[number];

/** Reasons with no side effect beyond the flag (suspected CSAM hides URLs, "other" needs a note). */
const REASONS = ['watermark', 'caption_mismatch', 'broken_link', 'violence', 'hate', 'pii', 'sexual'] as const;
const PAGE = 24;

export interface MixSetup {
  dataset: string;
  /** Query vectors (held out of the dataset), sent as `embedding`. */
  queries: number[][];
  keywords: string[];
  /** Every pair id of the dataset: "more like this", and reads when a search gave none. */
  pairIds: number[];
  /** Pairs with no flag, shuffled: each is flagged at most once in the run. */
  flaggable: number[];
  curator: { id: string; token: string };
  reviewer: { id: string; token: string; cookie: string };
  log: ClientLog;
  stats: RouteStats;
}

interface Ctx {
  pairId?: number;
  flag?: { pairId: number; reason: string };
  flagId?: number;
  lastBody?: string;
}

type Req = autocannon.Request & { route: Route };
const ok = (status: number) => status >= 200 && status < 300;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)];

/** The share of each route in one pass of the sequence, for the report. */
export function describeMix(): string {
  return ROUTES.map((r) => `${r} 1/${ROUTES.length}`).join(', ');
}

export function buildRequests(s: MixSetup): Req[] {
  const json = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
  const reader = { authorization: `Bearer ${s.reviewer.token}` };
  const randomPair = () => pick(s.pairIds);
  const rememberHit = (status: number, body: string, context: object) => {
    const c = context as Ctx;
    c.lastBody = body;
    if (!ok(status)) return;
    const hits = (JSON.parse(body) as { hits: { id: number }[] }).hits;
    if (hits.length) c.pairId = pick(hits).id;
  };
  const keep = (status: number, body: string, context: object) => {
    (context as Ctx).lastBody = body;
  };
  const search = (route: Route, query: () => object): Req => ({
    route,
    method: 'POST',
    path: '/api/search',
    headers: json(s.reviewer.token),
    setupRequest: (req) => ({ ...req, body: JSON.stringify({ dataset: s.dataset, limit: PAGE, ...query() }) }),
    onResponse: rememberHit,
  });
  let nextFlaggable = 0;
  return [
    search('POST /api/search (embedding)', () => ({ embedding: pick(s.queries) })),
    search('POST /api/search (keyword)', () => ({ keyword: pick(s.keywords) })),
    {
      route: 'GET /api/pairs/:id',
      method: 'GET',
      headers: reader,
      setupRequest: (req, context) => ({ ...req, path: `/api/pairs/${(context as Ctx).pairId ?? randomPair()}` }),
      onResponse: keep,
    },
    {
      route: 'GET /pairs/:id (page)',
      method: 'GET',
      headers: { cookie: s.reviewer.cookie },
      setupRequest: (req, context) => ({ ...req, path: `/pairs/${(context as Ctx).pairId ?? randomPair()}` }),
      onResponse: keep,
    },
    search('POST /api/search (more like pair)', () => ({ pairId: randomPair() })),
    {
      route: 'POST /api/flags',
      method: 'POST',
      path: '/api/flags',
      headers: json(s.curator.token),
      setupRequest: (req, context) => {
        const pairId = s.flaggable[nextFlaggable++];
        // Every pair used up: the connection goes on with the rest of the mix.
        if (pairId === undefined) return undefined as unknown as autocannon.Request;
        const reason = REASONS[pairId % REASONS.length];
        (context as Ctx).flag = { pairId, reason };
        s.log.flagsSent.add(flagKey(pairId, reason));
        return { ...req, body: JSON.stringify({ target: { kind: 'pairs', pairIds: [pairId] }, reason }) };
      },
      onResponse: (status, body, context) => {
        const c = context as Ctx;
        c.lastBody = body;
        if (!ok(status) || !c.flag) return void (c.flag = undefined);
        s.log.flags.push({ ...c.flag, flagged: (JSON.parse(body) as { flagged?: number }).flagged ?? 0 });
      },
    },
    {
      route: 'GET /api/pairs/:id/flags',
      method: 'GET',
      headers: reader,
      setupRequest: (req, context) => {
        const f = (context as Ctx).flag;
        return f ? { ...req, path: `/api/pairs/${f.pairId}/flags` } : (undefined as unknown as autocannon.Request);
      },
      onResponse: (status, body, context) => {
        const c = context as Ctx;
        c.lastBody = body;
        if (!ok(status) || !c.flag) return;
        const { pairId, reason } = c.flag;
        const flags = (JSON.parse(body) as { flags: { id: number; reason: string; state: string; createdBy: string | null }[] }).flags;
        const mine = flags.find((f) => f.reason === reason && f.createdBy === s.curator.id && f.state === 'open');
        if (!mine) return;
        c.flagId = mine.id;
        s.log.seen.push({ pairId, reason, flagId: mine.id });
      },
    },
    {
      route: 'POST /api/flags/:id/decision',
      method: 'POST',
      headers: json(s.reviewer.token),
      setupRequest: (req, context) => {
        const id = (context as Ctx).flagId;
        if (id === undefined) return undefined as unknown as autocannon.Request;
        s.log.decisionsSent.add(id);
        const decision: Decision = id % 2 ? 'reject' : 'confirm';
        return { ...req, path: `/api/flags/${id}/decision`, body: JSON.stringify({ decision }) };
      },
      onResponse: (status, body, context) => {
        const c = context as Ctx;
        c.lastBody = body;
        if (!ok(status) || c.flagId === undefined) return;
        const decision: Decision = c.flagId % 2 ? 'reject' : 'confirm';
        s.log.decisions.push({ flagId: c.flagId, decision, state: (JSON.parse(body) as { flag: { state: string } }).flag.state });
      },
    },
  ];
}

/**
 * Latency per route from each connection's answers. A connection has one request in flight (no pipelining): when
 * it sends while the previous request got no answer, that one timed out or lost its socket.
 */
export function trackClient(stats: RouteStats, inFlight: Map<object, Route>): (client: autocannon.Client) => void {
  return (client) => {
    const c = client as autocannon.Client & { pipelinedRequests: { insertRequest(req: Req): void }; requestIterator: { context: Ctx } };
    const queue = c.pipelinedRequests;
    const insert = queue.insertRequest.bind(queue);
    queue.insertRequest = (req: Req) => {
      const dropped = inFlight.get(client);
      if (dropped) stats.failure(dropped);
      inFlight.set(client, req.route);
      insert(req);
    };
    client.on('response', (status: number, _bytes: number, ms: number) => {
      const route = inFlight.get(client);
      inFlight.delete(client);
      if (route) stats.answer(route, status, ms, c.requestIterator.context.lastBody);
    });
  };
}

/**
 * Before the clock starts: each read once, so the first requests don't pay for compilation and a mix that would
 * measure empty answers (searches finding nothing, a page redirecting to sign-in) stops here.
 */
export async function warmUp(base: string, s: Pick<MixSetup, 'dataset' | 'queries' | 'keywords' | 'pairIds' | 'reviewer'>): Promise<void> {
  const auth = { authorization: `Bearer ${s.reviewer.token}` };
  const search = async (query: object) => {
    const res = await fetch(`${base}/api/search`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ dataset: s.dataset, limit: PAGE, ...query }) });
    const body = (await res.json()) as { hits?: unknown[] };
    if (!res.ok || !body.hits?.length) throw new Error(`warm-up search ${JSON.stringify(query).slice(0, 80)} answered ${res.status} with ${body.hits?.length ?? 0} hits`);
  };
  await search({ embedding: s.queries[0] });
  await search({ keyword: s.keywords[0] });
  await search({ pairId: s.pairIds[0] });
  for (const [path, headers] of [[`/api/pairs/${s.pairIds[0]}`, auth], [`/api/pairs/${s.pairIds[0]}/flags`, auth], [`/pairs/${s.pairIds[0]}`, { cookie: s.reviewer.cookie }]] as const) {
    const res = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
    if (res.status !== 200) throw new Error(`warm-up GET ${path} answered ${res.status}`);
    await res.arrayBuffer();
  }
}
