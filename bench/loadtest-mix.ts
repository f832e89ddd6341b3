// What the load test's connections send: each request is drawn by weight from the routes below, so the 50
// connections interleave rather than march through one sequence in step. Flagging and deciding pass through shared
// queues: a curator's acknowledged flag waits for a reviewer to read the pair's flags, and the flag id read there
// waits for one decision. Each flag id leaves the queue once, so every decision targets a distinct open flag: a 409
// can only be a bug, and any answer but 2xx counts as an error.
import type autocannon from 'autocannon';
import { flagKey, type ClientLog, type Decision } from './loadtest-ledger';
import type { RouteStats } from './loadtest-stats';

/** Route → weight (the share of requests it is drawn for). */
export const MIX = {
  'POST /api/search (embedding)': 20,
  'POST /api/search (keyword)': 15,
  'POST /api/search (more like pair)': 10,
  'GET /api/pairs/:id': 10,
  'GET /pairs/:id (page)': 10,
  'GET /api/review': 5,
  'POST /api/flags': 10,
  'GET /api/pairs/:id/flags': 10,
  'POST /api/flags/:id/decision': 10,
} as const;
export type Route = keyof typeof MIX;
export const ROUTES = Object.keys(MIX) as Route[];

/** Reasons with no side effect beyond the flag (suspected CSAM hides URLs, "other" needs a note). */
const REASONS = ['watermark', 'caption_mismatch', 'broken_link', 'violence', 'hate', 'pii', 'sexual'] as const;
const PAGE = 24;
/** Pairs seen in recent search results, which the pair reads open (as people open results). */
const RECENT_HITS = 1_000;

export interface MixSetup {
  dataset: string;
  /** Query vectors (held out of the dataset), sent as `embedding`. */
  queries: number[][];
  keywords: string[];
  /** Every pair id of the dataset: "more like this", and reads before any search answered. */
  pairIds: number[];
  /** Pairs with no flag, shuffled: each is flagged at most once in the run. */
  flaggable: number[];
  curator: { id: string; token: string };
  reviewer: { id: string; token: string; cookie: string };
  log: ClientLog;
}

/** One request's state (autocannon hands a fresh context to each request of a one-request sequence). */
export interface Ctx {
  route?: Route;
  flag?: { pairId: number; reason: string };
  flagId?: number;
  lastBody?: string;
  /** A 2xx answer whose body was not what the route promises. */
  unreadable?: boolean;
}

const ok = (status: number) => status >= 200 && status < 300;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)];
const decisionFor = (flagId: number): Decision => (flagId % 2 ? 'reject' : 'confirm');

export function describeMix(): string {
  const total = Object.values(MIX).reduce((a, b) => a + b, 0);
  return ROUTES.map((r) => `${r} ${Math.round((100 * MIX[r]) / total)} %`).join(', ');
}

function drawRoute(): Route {
  let x = Math.random() * Object.values(MIX).reduce((a, b) => a + b, 0);
  for (const r of ROUTES) if ((x -= MIX[r]) < 0) return r;
  return ROUTES[0];
}

/** The one request definition every connection repeats; setupRequest draws what it is this time. */
export function buildRequest(s: MixSetup): autocannon.Request {
  const json = (token: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${token}` });
  const reader = { authorization: `Bearer ${s.reviewer.token}` };
  const recent: number[] = [];
  const toRead: { pairId: number; reason: string }[] = [];
  const toDecide: number[] = [];
  let nextFlaggable = 0;
  const openPair = () => (recent.length ? pick(recent) : pick(s.pairIds));
  const search = (query: object): autocannon.Request => ({ method: 'POST', path: '/api/search', headers: json(s.reviewer.token), body: JSON.stringify({ dataset: s.dataset, limit: PAGE, ...query }) });

  const build = (route: Route, c: Ctx): autocannon.Request | null => {
    switch (route) {
      case 'POST /api/search (embedding)': return search({ embedding: pick(s.queries) });
      case 'POST /api/search (keyword)': return search({ keyword: pick(s.keywords) });
      case 'POST /api/search (more like pair)': return search({ pairId: pick(s.pairIds) });
      case 'GET /api/pairs/:id': return { method: 'GET', path: `/api/pairs/${openPair()}`, headers: reader };
      case 'GET /pairs/:id (page)': return { method: 'GET', path: `/pairs/${openPair()}`, headers: { cookie: s.reviewer.cookie } };
      case 'GET /api/review': return { method: 'GET', path: `/api/review?limit=${PAGE}`, headers: reader };
      case 'POST /api/flags': {
        const pairId = s.flaggable[nextFlaggable++];
        if (pairId === undefined) return null;
        const reason = REASONS[pairId % REASONS.length];
        c.flag = { pairId, reason };
        s.log.flagsSent.add(flagKey(pairId, reason));
        return { method: 'POST', path: '/api/flags', headers: json(s.curator.token), body: JSON.stringify({ target: { kind: 'pairs', pairIds: [pairId] }, reason }) };
      }
      case 'GET /api/pairs/:id/flags': {
        const f = toRead.shift();
        if (!f) return null;
        c.flag = f;
        return { method: 'GET', path: `/api/pairs/${f.pairId}/flags`, headers: reader };
      }
      case 'POST /api/flags/:id/decision': {
        const id = toDecide.shift();
        if (id === undefined) return null;
        c.flagId = id;
        s.log.decisionsSent.add(id);
        return { method: 'POST', path: `/api/flags/${id}/decision`, headers: json(s.reviewer.token), body: JSON.stringify({ decision: decisionFor(id) }) };
      }
    }
  };

  const onAnswer = (status: number, body: string, c: Ctx) => {
    if (!ok(status)) return;
    switch (c.route) {
      case 'POST /api/search (embedding)':
      case 'POST /api/search (keyword)':
      case 'POST /api/search (more like pair)':
        for (const h of (JSON.parse(body) as { hits: { id: number }[] }).hits.slice(0, 3)) recent.push(h.id);
        if (recent.length > RECENT_HITS) recent.splice(0, recent.length - RECENT_HITS);
        return;
      case 'POST /api/flags':
        s.log.flags.push({ ...c.flag!, flagged: (JSON.parse(body) as { flagged?: number }).flagged ?? 0 });
        toRead.push(c.flag!);
        return;
      case 'GET /api/pairs/:id/flags': {
        const { pairId, reason } = c.flag!;
        const flags = (JSON.parse(body) as { flags: { id: number; reason: string; state: string; createdBy: string | null }[] }).flags;
        const mine = flags.find((f) => f.reason === reason && f.createdBy === s.curator.id && f.state === 'open');
        if (!mine) return;
        s.log.seen.push({ pairId, reason, flagId: mine.id });
        toDecide.push(mine.id);
        return;
      }
      case 'POST /api/flags/:id/decision':
        s.log.decisions.push({ flagId: c.flagId!, decision: decisionFor(c.flagId!), state: (JSON.parse(body) as { flag: { state: string } }).flag.state });
    }
  };

  return {
    setupRequest: (req, context) => {
      const c = context as Ctx;
      // A chained route with nothing waiting in its queue (or no pair left to flag) sends a search instead.
      for (const route of [drawRoute(), 'POST /api/flags', 'POST /api/search (embedding)'] as Route[]) {
        const built = build(route, c);
        if (!built) continue;
        c.route = route;
        return { ...req, ...built };
      }
      throw new Error('unreachable: a search can always be built');
    },
    onResponse: (status, body, context) => {
      const c = context as Ctx;
      c.lastBody = body;
      try {
        onAnswer(status, body, c);
      } catch {
        c.unreadable = true;
      }
    },
  };
}

/**
 * Latency per route from each connection's answers. A connection has one request in flight (no pipelining): when
 * it sends while the previous request got no answer, that one timed out or lost its socket.
 */
export function trackClient(stats: RouteStats, inFlight: Map<object, Route>): (client: autocannon.Client) => void {
  return (client) => {
    const c = client as autocannon.Client & { pipelinedRequests: { insertRequest(req: unknown): void }; requestIterator: { context: Ctx } };
    const queue = c.pipelinedRequests;
    const insert = queue.insertRequest.bind(queue);
    queue.insertRequest = (req: unknown) => {
      const dropped = inFlight.get(client);
      if (dropped) stats.failure(dropped);
      // setupRequest has just drawn this request's route into the (fresh) context.
      inFlight.set(client, c.requestIterator.context.route!);
      insert(req);
    };
    client.on('response', (status: number, _bytes: number, ms: number) => {
      const route = inFlight.get(client);
      inFlight.delete(client);
      if (!route) return;
      if (c.requestIterator.context.unreadable) stats.failure(route);
      else stats.answer(route, status, ms, c.requestIterator.context.lastBody);
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
  const id = s.pairIds[0];
  for (const [path, headers] of [[`/api/pairs/${id}`, auth], [`/api/pairs/${id}/flags`, auth], [`/pairs/${id}`, { cookie: s.reviewer.cookie }], [`/api/review?limit=${PAGE}`, auth]] as const) {
    const res = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
    if (res.status !== 200) throw new Error(`warm-up GET ${path} answered ${res.status}`);
    await res.arrayBuffer();
  }
}
