import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyLog } from './loadtest-ledger';
import { buildRequest, ROUTES, type Ctx, type Route } from './loadtest-mix';

/** A stand-in for the app: answers each drawn request the way its route does, giving flags ids in order. */
function fakeServer() {
  const flags = new Map<number, { id: number; reason: string; state: string; createdBy: string }>();
  let nextId = 1;
  return (req: { method?: string; path?: string; body?: unknown }, route: Route): string => {
    const body = req.body ? JSON.parse(String(req.body)) : null;
    switch (route) {
      case 'POST /api/flags': {
        const pairId = body.target.pairIds[0] as number;
        flags.set(pairId, { id: nextId++, reason: body.reason, state: 'open', createdBy: 'cur' });
        return JSON.stringify({ matched: 1, flagged: 1 });
      }
      case 'GET /api/pairs/:id/flags': {
        const pairId = Number(req.path!.split('/')[3]);
        return JSON.stringify({ flags: flags.has(pairId) ? [flags.get(pairId)] : [] });
      }
      case 'POST /api/flags/:id/decision': {
        const id = Number(req.path!.split('/')[3]);
        const f = [...flags.values()].find((x) => x.id === id)!;
        if (f.state !== 'open') throw new Error(`flag ${id} decided twice: the app would answer 409`);
        f.state = body.decision === 'confirm' ? 'confirmed' : 'rejected';
        return JSON.stringify({ flag: { state: f.state } });
      }
      default:
        return JSON.stringify({ hits: [{ id: 5 }, { id: 6 }], flags: [], items: [] });
    }
  };
}

/** mulberry32: the draws are Math.random's, seeded here so the test sees the same sequence every time. */
function seeded(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('the load test mix', () => {
  afterEach(() => vi.restoreAllMocks());

  it('draws every route, flags each pair once, and decides each acknowledged flag at most once, after reading its id', () => {
    vi.spyOn(Math, 'random').mockImplementation(seeded(13));
    const log = emptyLog();
    const flaggable = Array.from({ length: 300 }, (_, i) => 1000 + i);
    const request = buildRequest({
      dataset: 'd', queries: [[0.1, 0.2]], keywords: ['topic 1'], pairIds: [1, 2, 3], flaggable,
      curator: { id: 'cur', token: 'c' }, reviewer: { id: 'rev', token: 'r', cookie: 'k=v' }, log,
    });
    const answer = fakeServer();
    const drawn = new Map<Route, number>();
    const flaggedPairs: number[] = [];
    for (let i = 0; i < 6000; i++) {
      const ctx: Ctx = {};
      const req = (request.setupRequest as (r: object, c: object) => { method?: string; path?: string; body?: unknown })({}, ctx);
      drawn.set(ctx.route!, (drawn.get(ctx.route!) ?? 0) + 1);
      if (ctx.route === 'POST /api/flags') flaggedPairs.push(JSON.parse(String(req.body)).target.pairIds[0]);
      (request.onResponse as (s: number, b: string, c: object) => void)(200, answer(req, ctx.route!), ctx);
    }
    expect([...drawn.keys()].sort()).toEqual([...ROUTES].sort());
    // Every pair flagged once; when none is left, the draws fall back to searches.
    expect(new Set(flaggedPairs).size).toBe(flaggedPairs.length);
    expect(flaggedPairs.length).toBe(300);
    const decided = log.decisions.map((d) => d.flagId);
    expect(new Set(decided).size).toBe(decided.length);
    const seen = new Set(log.seen.map((s) => s.flagId));
    expect(decided.every((id) => seen.has(id))).toBe(true);
    expect(decided.length).toBeGreaterThan(290);
    expect(log.decisions.every((d) => d.state === (d.decision === 'confirm' ? 'confirmed' : 'rejected'))).toBe(true);
  });
});
