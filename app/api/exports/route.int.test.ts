// Exports over the API: a curator queues one, the server's worker writes it, /api/exports lists it and the download
// route hands out the file; nothing is downloadable before it is done.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDb } from '@/lib/db/get-db';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { writeLaionParquet } from '@/lib/ingest/__fixtures__/write-laion-parquet';
import { makeTempDir } from '@/lib/ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '@/lib/ingest/ingest-dataset';
import { startSieveWorker } from '@/lib/server/start-server-worker';
import { call, request } from '../__fixtures__/call-route';
import { userWithRole } from '../__fixtures__/sign-in';
import { GET as download } from './[id]/download/route';
import { GET as list, POST as create } from './route';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  tmp = await makeTempDir('exports-route');
  process.env.SIEVE_HOME = tmp.dir;
  process.env.SIEVE_READ = 'signed-in';
  writeLaionParquet(join(tmp.dir, 'rows.parquet'), 25);
  await ingestDataset(t.db, { path: join(tmp.dir, 'rows.parquet'), dataset: 'rows' });
});
afterAll(async () => {
  setDb(undefined);
  delete process.env.SIEVE_READ;
  await t?.close();
  await tmp?.cleanup();
});

describe('/api/exports', () => {
  it('queues an export as a job, lists it with its state, and downloads the finished CSV', async () => {
    const { cookie } = await userWithRole(t.db, 'curator');
    const made = await call(create, request('POST', '/api/exports', { source: { kind: 'query', query: { dataset: 'rows', keyword: 'caption', widthMin: 110 } }, format: 'csv' }, { cookie }));
    expect(made.status).toBe(200);
    const { export: e } = (await made.json()) as { export: { id: number; state: string; jobId: number } };
    expect(e).toMatchObject({ state: 'queued', jobId: expect.any(Number) });
    expect((await call(download, request('GET', `/api/exports/${e.id}/download`, undefined, { cookie }), { id: String(e.id) })).status).toBe(409);

    const worker = startSieveWorker(t.db, { log: () => undefined, pollMs: 10 });
    try {
      for (let i = 0; i < 500; i++) {
        const rows = ((await (await call(list, request('GET', '/api/exports', undefined, { cookie }))).json()) as { exports: { id: number; state: string }[] }).exports;
        if (rows.find((x) => x.id === e.id)?.state === 'done') break;
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      await worker.stop();
    }
    const listed = ((await (await call(list, request('GET', '/api/exports', undefined, { cookie }))).json()) as { exports: Record<string, unknown>[] }).exports[0];
    expect(listed).toMatchObject({ id: e.id, state: 'done', rows: 15, format: 'csv', createdByEmail: 'curator@test.local', files: ['export.csv', 'pair-ids.bin'] });
    expect(JSON.stringify(listed)).not.toContain(tmp.dir);
    const res = await call(download, request('GET', `/api/exports/${e.id}/download`, undefined, { cookie }), { id: String(e.id) });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain(`sieve-export-${e.id}.csv`);
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines).toHaveLength(16);
    expect(lines[0].startsWith('URL,TEXT,WIDTH,HEIGHT')).toBe(true);
    const [event] = await t.db.query<{ details: { rows: number } }>("SELECT details FROM audit_events WHERE action = 'export.create' AND subject = $1", [`export:${e.id}`]);
    expect(event.details.rows).toBe(15);
  });

  it('refuses an unknown format or reason with 400', async () => {
    const { cookie } = await userWithRole(t.db, 'curator');
    expect((await call(create, request('POST', '/api/exports', { source: { kind: 'dataset', dataset: 'rows' }, format: 'xlsx' }, { cookie }))).status).toBe(400);
    expect((await call(create, request('POST', '/api/exports', { source: { kind: 'dataset', dataset: 'rows' }, rule: { keep: 'flagged', reasons: ['ugly'] }, format: 'csv' }, { cookie }))).status).toBe(400);
  });
});
