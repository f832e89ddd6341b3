// Per-route figures of the load test: every answer's latency and status, timeouts and socket errors, summarised as
// nearest-rank percentiles and rates over the run's wall time.

export interface RouteSummary {
  route: string;
  /** Answers received (any status). */
  answers: number;
  ok: number;
  non2xx: number;
  /** Requests that got no usable answer: timeouts, lost sockets, a 2xx body that could not be read. */
  failures: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** 2xx answers per second. */
  perSecond: number;
  /** Status counts other than 2xx, e.g. { 503: 2 }. */
  statuses: Record<number, number>;
}

/** Nearest rank: the smallest value with at least p % of the values at or below it. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export class RouteStats {
  private readonly latencies = new Map<string, number[]>();
  private readonly statuses = new Map<string, Map<number, number>>();
  private readonly failed = new Map<string, number>();
  /** The first few bodies of non-2xx answers, per route, to say why. */
  readonly samples = new Map<string, string[]>();

  constructor(readonly routes: readonly string[]) {
    for (const r of routes) {
      this.latencies.set(r, []);
      this.statuses.set(r, new Map());
      this.failed.set(r, 0);
    }
  }

  /** Latency percentiles are over 2xx answers only, like autocannon's; the others are counted by status. */
  answer(route: string, status: number, ms: number, body?: string): void {
    const byStatus = this.statuses.get(route);
    if (!byStatus) throw new Error(`unknown route ${route}`);
    byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
    if (status >= 200 && status < 300) this.latencies.get(route)!.push(ms);
    else if (body !== undefined && (this.samples.get(route)?.length ?? 0) < 3) this.samples.set(route, [...(this.samples.get(route) ?? []), `${status} ${body.slice(0, 300)}`]);
  }

  failure(route: string): void {
    this.failed.set(route, (this.failed.get(route) ?? 0) + 1);
  }

  summarise(seconds: number): RouteSummary[] {
    return this.routes.map((route) => {
      const sorted = [...this.latencies.get(route)!].sort((a, b) => a - b);
      const byStatus = this.statuses.get(route)!;
      const statuses: Record<number, number> = {};
      let answers = 0;
      for (const [s, n] of byStatus) {
        answers += n;
        if (s < 200 || s >= 300) statuses[s] = n;
      }
      return {
        route,
        answers,
        ok: sorted.length,
        non2xx: answers - sorted.length,
        failures: this.failed.get(route)!,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted.length ? sorted[sorted.length - 1] : NaN,
        perSecond: sorted.length / seconds,
        statuses,
      };
    });
  }
}

/** Every route's row plus a total; errors are non-2xx answers and requests that got none. */
export function formatSummary(rows: RouteSummary[], seconds: number): string {
  const f = (n: number, d = 0) => (Number.isNaN(n) ? '-' : n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
  const width = Math.max(5, ...rows.map((r) => r.route.length));
  const head = `${'route'.padEnd(width)}  ${'2xx'.padStart(7)}  ${'req/s'.padStart(7)}  ${'p50 ms'.padStart(7)}  ${'p95 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}  ${'max ms'.padStart(7)}  errors`;
  const line = (r: Pick<RouteSummary, 'route' | 'ok' | 'perSecond' | 'p50' | 'p95' | 'p99' | 'max' | 'non2xx' | 'failures' | 'statuses'>) => {
    const codes = Object.entries(r.statuses).map(([s, n]) => `${n}×${s}`).join(' ');
    const detail = [codes, r.failures ? `${r.failures} without a usable answer` : ''].filter(Boolean).join(', ');
    const n = r.non2xx + r.failures;
    const errors = n && detail ? `${n} (${detail})` : String(n);
    return `${r.route.padEnd(width)}  ${f(r.ok).padStart(7)}  ${f(r.perSecond, 1).padStart(7)}  ${f(r.p50, 1).padStart(7)}  ${f(r.p95, 1).padStart(7)}  ${f(r.p99, 1).padStart(7)}  ${f(r.max, 0).padStart(7)}  ${errors}`;
  };
  const ok = rows.reduce((n, r) => n + r.ok, 0);
  const statuses: Record<number, number> = {};
  for (const r of rows) for (const [s, n] of Object.entries(r.statuses)) statuses[Number(s)] = (statuses[Number(s)] ?? 0) + n;
  const total = {
    route: 'all', ok, perSecond: ok / seconds, p50: NaN, p95: NaN, p99: NaN, max: NaN,
    non2xx: rows.reduce((n, r) => n + r.non2xx, 0), failures: rows.reduce((n, r) => n + r.failures, 0), statuses,
  };
  return [head, ...rows.map(line), line(total)].join('\n');
}
