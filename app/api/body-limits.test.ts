// Bodies are limited while they stream: a 1 GB upload with no Content-Length is cut off soon after its route's cap
// with a JSON 413, only about the cap is ever pulled from the client, and the process's memory stays flat.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as knnService } from '../knn-service/route';
import { POST as search } from './search/route';

const GIB = 1024 ** 3;
const CHUNK = 1024 ** 2;

/** A body of `total` bytes made on demand, one megabyte at a time, counting what the server pulled. */
function endless(total: number, prefix = ''): { body: ReadableStream<Uint8Array>; pulled: () => number } {
  let sent = 0;
  const chunk = new Uint8Array(CHUNK).fill(0x20);
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const part = sent === 0 && prefix ? new TextEncoder().encode(prefix) : chunk;
      sent += part.byteLength;
      controller.enqueue(part);
    },
  });
  return { body, pulled: () => sent };
}

const post = (route: typeof search, path: string, body: ReadableStream<Uint8Array>, type: string) =>
  route(new Request(`http://sieve.test${path}`, { method: 'POST', headers: { 'content-type': type }, body, duplex: 'half' } as RequestInit));

beforeAll(() => {
  process.env.SIEVE_READ = 'public';
});
afterAll(() => {
  delete process.env.SIEVE_READ;
});

describe('streamed bodies past the cap', () => {
  it.each([
    ['a JSON search', search, '/api/search', 'application/json', 2 * CHUNK],
    ['a multipart image search', search, '/api/search', 'multipart/form-data; boundary=x', 11 * CHUNK],
    ["clip-retrieval's knn-service (text/plain, room for a base64 image)", knnService, '/knn-service', 'text/plain', 20 * CHUNK],
  ] as const)('%s: 413 with a JSON message after reading about the cap, memory flat', async (_, route, path, type, roughCap) => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    const upload = endless(GIB, type.startsWith('multipart') ? '--x\r\nContent-Disposition: form-data; name="image"; filename="a.png"\r\n\r\n' : '{"text": "');
    const res = await post(route, path, upload.body, type);
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(((await res.json()) as { message?: string; error?: { message: string } }).error?.message ?? '').toMatch(/larger than/);
    // Read up to its cap and stopped within a few chunks of it, nowhere near the gigabyte.
    expect(upload.pulled()).toBeLessThan(roughCap + 4 * CHUNK);
    expect(upload.pulled()).toBeGreaterThan(roughCap / 2);
    expect(process.memoryUsage().rss - before).toBeLessThan(128 * 1024 ** 2);
  });
});
