// `npm start` stopped with SIGTERM while a request is in flight: the request gets its answer, new connections are
// refused, and the server exits 0. A server of its own (production build, fresh embedded database), not the shared
// one the other specs use. Parking a running job at shutdown is tested in lib/server/shut-down-gracefully.int.test.ts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });

test('SIGTERM answers the request in flight, refuses new ones and exits 0', async () => {
  test.setTimeout(180_000);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sieve-shutdown-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), SIEVE_HOME: home, SIEVE_READ: 'public', NEXT_TELEMETRY_DISABLED: '1' };
  delete env.DATABASE_URL;
  const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts', 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  server.stdout.on('data', (c: Buffer) => (output += c.toString()));
  server.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
  try {
    await expect
      .poll(async () => fetch(`http://127.0.0.1:${port}/api/health`).then((r) => r.status, () => 0), { timeout: 120_000, intervals: [500] })
      .toBe(200);

    // A request whose body is still arriving when the signal comes: it is in flight for as long as the client wants.
    const body = JSON.stringify({ dataset: 'nothing-here', keyword: 'cat' });
    const req = http.request({
      host: '127.0.0.1', port, path: '/api/search', method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), origin: `http://127.0.0.1:${port}` },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      req.on('response', (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
    });
    req.write(body.slice(0, 10));
    await new Promise((r) => setTimeout(r, 500));
    server.kill('SIGTERM');
    await expect.poll(() => output, { timeout: 15_000 }).toContain('no new requests; waiting for 1 in flight');
    const refused = await fetch(`http://127.0.0.1:${port}/api/health`).then(() => 'answered', (err: { cause?: { code?: string } }) => err.cause?.code);
    expect(refused).toBe('ECONNREFUSED');
    req.end(body.slice(10));
    const got = await answer;
    expect(got.status).toBe(404);
    expect(JSON.parse(got.body)).toMatchObject({ error: { code: 'not_found' } });

    expect(await exited).toBe(0);
    expect(output).toContain('[sieve] stopped');
  } finally {
    if (server.exitCode === null) server.kill('SIGKILL');
    fs.rmSync(home, { recursive: true, force: true });
  }
});
