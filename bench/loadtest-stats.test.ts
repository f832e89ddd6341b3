import { describe, expect, it } from 'vitest';
import { formatSummary, percentile, RouteStats } from './loadtest-stats';

describe('percentile', () => {
  it('takes the nearest rank: the smallest value with at least p % of the values at or below it', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect([percentile(xs, 50), percentile(xs, 95), percentile(xs, 99), percentile(xs, 100)]).toEqual([50, 95, 99, 100]);
    expect([percentile([7], 50), percentile([7], 99)]).toEqual([7, 7]);
    expect([percentile([1, 2, 3], 50), percentile([1, 2, 3], 95)]).toEqual([2, 3]);
    expect(percentile([], 50)).toBeNaN();
  });
});

describe('RouteStats', () => {
  it('keeps latencies of 2xx answers per route, counts other statuses and unanswered requests as errors', () => {
    const stats = new RouteStats(['a', 'b']);
    for (let ms = 1; ms <= 20; ms++) stats.answer('a', 200, ms);
    stats.answer('a', 503, 5000, '{"error":{"code":"unavailable"}}');
    stats.answer('b', 201, 3);
    stats.failure('b');
    const [a, b] = stats.summarise(2);
    expect(a).toEqual({ route: 'a', answers: 21, ok: 20, non2xx: 1, failures: 0, p50: 10, p95: 19, p99: 20, max: 20, perSecond: 10, statuses: { 503: 1 } });
    expect(b).toMatchObject({ answers: 1, ok: 1, non2xx: 0, failures: 1, p50: 3, perSecond: 0.5 });
    expect(stats.samples.get('a')).toEqual(['503 {"error":{"code":"unavailable"}}']);
    expect(() => stats.answer('c', 200, 1)).toThrow('unknown route c');
  });

  it('prints one row per route and a total with the errors spelled out', () => {
    const stats = new RouteStats(['POST /x', 'GET /y']);
    stats.answer('POST /x', 200, 12.5);
    stats.answer('GET /y', 409, 3);
    stats.failure('GET /y');
    const lines = formatSummary(stats.summarise(1), 1).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^POST \/x\s+1\s+1\.0\s+12\.5\s+12\.5\s+12\.5\s+13\s+0$/);
    expect(lines[2]).toMatch(/^GET \/y\s+0\s+0\.0\s+-\s+-\s+-\s+-\s+2 \(1×409, 1 without a usable answer\)$/);
    expect(lines[3]).toMatch(/^all\s+1\s+1\.0\s+-\s+-\s+-\s+-\s+2 \(1×409, 1 without a usable answer\)$/);
  });
});
