// Exports written before a pair became hidden follow the rule: refused on download (409) until the 'hiding' job has
// rewritten them without it, its URL twin and its look-alike (new files, new SHA-256s, an audit event), then they
// download again and no file holds a trace of the hidden pairs. Removal lists never list one; a pair hidden while
// an export is being written is caught after it finishes.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, request } from '@/app/api/__fixtures__/call-route';
import { userWithRole } from '@/app/api/__fixtures__/sign-in';
import { GET as download } from '@/app/api/exports/[id]/download/route';
import * as diffRoute from '@/app/api/exports/diff/route';
import { setDb } from '@/lib/db/get-db';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import type { Actor } from '../auth/schemas';
import { runSieve } from '../cli/__fixtures__/run-sieve';
import { flagPairs } from '../flags/flag-pairs';
import { makeTempDir } from '../ingest/__fixtures__/make-temp-dir';
import { ingestDataset } from '../ingest/ingest-dataset';
import { readNpy } from '../ingest/read-npy';
import { startSieveWorker } from '../server/start-server-worker';
import { MARK, writeHiddenFixture, type FixtureRow } from '../pairs/__fixtures__/write-hidden-fixture';
import { queueHidingFiles } from '../pairs/refresh-hiding';
import { exportFolder } from './export-dir';
import { hashFile } from './hash-file';
import { readPairIds } from './pair-ids-file';
import { runExport } from './run-export';
import { ExportRequest, type ExportManifest, type ExportRequestInput } from './schemas';
import { insertExport, selectExport } from './sql';
import { queryDuckdb } from './writers/__fixtures__/query-duckdb';

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;
let cookie: string;
let curator: Actor;
let rows: { main: FixtureRow[]; mirror: FixtureRow[] };
/** main's pairs in file order: 0 the source, 1 its look-alike. */
let main: number[];
let twin: number;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  tmp = await makeTempDir('rewrite');
  process.env.SIEVE_HOME = join(tmp.dir, 'home');
  const f = await writeHiddenFixture(tmp.dir);
  rows = f.rows;
  await ingestDataset(t.db, { path: f.main, dataset: 'main' });
  await ingestDataset(t.db, { path: f.mirror, dataset: 'mirror' });
  const ids = async (d: string) => (await t.db.query<{ id: number }>('SELECT p.id FROM pairs p JOIN datasets d ON d.id = p.dataset_id WHERE d.name = $1 ORDER BY p.source_row', [d])).map((r) => r.id);
  main = await ids('main');
  twin = (await ids('mirror'))[0];
  const user = await userWithRole(t.db, 'curator');
  cookie = user.cookie;
  curator = { kind: 'user', id: user.id, email: 'curator@test.local', name: 'c', role: 'curator', via: 'session', ip: null };
});
afterAll(async () => {
  setDb(undefined);
  await t?.close();
  await tmp?.cleanup();
});

async function exportNow(request: ExportRequestInput, hooks: Parameters<typeof runExport>[2] = {}) {
  const id = await insertExport(t.db, { request: ExportRequest.parse(request), createdBy: curator.id });
  await runExport(t.db, id, hooks);
  return id;
}
const get = (id: number) => call(download, request('GET', `/api/exports/${id}/download`, undefined, { cookie }), { id: String(id) });
const manifestOf = async (id: number) => (await selectExport(t.db, id))!.manifest as ExportManifest;
const folderOf = async (id: number) => (await selectExport(t.db, id))!.folder!;
async function runJobs() {
  const worker = startSieveWorker(t.db, { log: () => undefined, pollMs: 10 });
  await worker.idle();
  await worker.stop();
}

/** Everything an export's folder holds, as text a marker search can read (parquet through DuckDB). */
async function contents(folder: string): Promise<string> {
  const out: string[] = [];
  for (const name of (await readdir(folder, { recursive: true })) as string[]) {
    const file = join(folder, name);
    if (name.endsWith('.parquet')) out.push(JSON.stringify((await queryDuckdb(`SELECT * FROM read_parquet('${file}')`)).rows, (_, v) => (typeof v === 'bigint' ? Number(v) : v)));
    else if (!name.endsWith('.npy') && !name.endsWith('.bin') && !(await readdir(file).then(() => true, () => false))) out.push(await readFile(file, 'utf8'));
  }
  return out.join('\n');
}

/** Whether any row of an npy export's vectors is (as float16) the hidden source's or its look-alike's. */
async function holdsHiddenVector(folder: string): Promise<boolean> {
  const npy = await readNpy(join(folder, 'img_emb', 'img_emb_0.npy'), 'x');
  const unit = (v: Float32Array) => {
    const n = Math.hypot(...v);
    return Array.from(v, (x) => x / n);
  };
  const hidden = [rows.main[0].vector, rows.main[1].vector].map(unit);
  return (await npy.readRows(0, npy.rows)).some((r) => hidden.some((h) => h.every((x, j) => Math.abs(x - r[j]) < 2e-3)));
}

describe('exports made before a flag', () => {
  const made: Record<string, number> = {};
  let before: Record<string, ExportManifest>;
  let cliOut: string;
  let rankedBefore: number[];

  it('hold the pairs and download before the flag (the walk sees the markers)', async () => {
    for (const format of ['csv', 'jsonl', 'parquet', 'urls', 'npy'] as const) made[format] = await exportNow({ source: { kind: 'dataset', dataset: 'main' }, rule: { keep: 'none' }, format });
    made.query = await exportNow({ source: { kind: 'query', query: { dataset: 'main', pairId: main[3] }, k: 20 }, rule: { keep: 'none' }, format: 'csv' });
    rankedBefore = await readPairIds(join(exportFolder(made.query), 'pair-ids.bin'));
    cliOut = join(tmp.dir, 'release');
    expect((await runSieve(t, process.env.SIEVE_HOME!, ['export', '--dataset', 'main', '--exclude', 'none', '--format', 'jsonl', '--out', cliOut])).code).toBe(0);
    made.cli = (await t.db.query<{ id: number }>('SELECT max(id)::int AS id FROM exports'))[0].id;
    before = Object.fromEntries(await Promise.all(Object.entries(made).map(async ([k, id]) => [k, await manifestOf(id)] as const)));
    for (const [k, id] of Object.entries(made)) {
      const text = await contents(await folderOf(id));
      if (k !== 'urls') expect(text, k).toContain(`${MARK}source-caption`);
      expect(text, k).toContain(`${MARK}source-url`);
    }
    expect(await holdsHiddenVector(exportFolder(made.npy))).toBe(true);
    expect((await get(made.csv)).status).toBe(200);
  });

  it('answer 409 once a pair is hidden, and removal lists never list a hidden pair (a POST, not a GET)', async () => {
    await flagPairs(t.db, curator, { target: { kind: 'pairs', pairIds: [main[0]] }, reason: 'csam_suspected' });
    const hidden = (await t.db.query<{ pair_id: number }>('SELECT DISTINCT pair_id FROM hidden_pairs ORDER BY pair_id')).map((r) => r.pair_id);
    expect(hidden).toEqual([main[0], main[1], twin].sort((a, b) => a - b));
    for (const id of Object.values(made)) {
      const res = await get(id);
      expect(res.status).toBe(409);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/being rewritten without pairs hidden since it was made/);
    }
    // A later release without pair 2 (confirmed hate); the old one still holds the hidden pairs until the job runs.
    await flagPairs(t.db, curator, { target: { kind: 'pairs', pairIds: [main[2]] }, reason: 'hate' });
    await t.db.query("UPDATE flags SET state = 'confirmed' WHERE reason = 'hate'");
    const later = await exportNow({ source: { kind: 'dataset', dataset: 'main' }, format: 'csv' });
    expect(Object.keys(diffRoute)).toEqual(['POST']);
    const res = await call(diffRoute.POST, request('POST', '/api/exports/diff', { from: made.csv, to: later, format: 'csv' }, { cookie }));
    expect(res.status).toBe(200);
    const list = await res.text();
    expect(list).not.toContain(MARK);
    expect(Papa.parse<{ sieve_id: string }>(list.trim(), { header: true }).data.map((r) => Number(r.sieve_id))).toEqual([main[2]]);
    // The page posts a form (its `request` field) so the browser saves the file itself.
    const form = new FormData();
    form.set('request', JSON.stringify({ from: made.csv, to: later, format: 'parquet' }));
    const page = request('POST', '/api/exports/diff', undefined, { cookie });
    const posted = await call(diffRoute.POST, new Request(page.url, { method: 'POST', headers: page.headers, body: form }));
    expect(posted.status).toBe(200);
    expect(posted.headers.get('content-disposition')).toContain('.parquet');
    const [event] = await t.db.query<{ details: { removed: number } }>("SELECT details FROM audit_events WHERE action = 'export.diff' ORDER BY id LIMIT 1");
    expect(event.details.removed).toBe(1);
  });

  it('are rewritten by the hiding job without the hidden pairs, audited, and download again', async () => {
    await runJobs();
    const hiddenIds = [main[0], main[1]];
    for (const [k, id] of Object.entries(made)) {
      const e = (await selectExport(t.db, id))!;
      const m = e.manifest as ExportManifest;
      expect(e.state, k).toBe('done');
      expect(m.rows, k).toBe(before[k].rows - 2);
      expect(m.rewrites, k).toEqual([{ at: expect.any(String), removed: 2 }]);
      for (const f of m.files) {
        expect(await hashFile(join(e.folder!, f.path)), `${k} ${f.path}`).toBe(f.sha256);
        expect(before[k].files.find((b) => b.path === f.path)?.sha256, `${k} ${f.path}`).not.toBe(f.sha256);
      }
      const ids = await readPairIds(join(e.folder!, 'pair-ids.bin'));
      expect(ids.filter((x) => hiddenIds.includes(x)), k).toEqual([]);
      expect(await contents(e.folder!), k).not.toContain(MARK);
      const res = await get(id);
      expect(res.status, k).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).includes(MARK), k).toBe(false);
    }
    expect(await holdsHiddenVector(exportFolder(made.npy))).toBe(false);
    // The ranked export keeps its rank order, less the hidden pairs.
    expect(await readPairIds(join(exportFolder(made.query), 'pair-ids.bin'))).toEqual(rankedBefore.filter((x) => !hiddenIds.includes(x)));
    // The CLI's release is rewritten where it was placed, and nothing is left beside it.
    expect(await folderOf(made.cli)).toBe(cliOut);
    expect((await readdir(tmp.dir)).filter((n) => n.startsWith('.'))).toEqual([]);
    const events = await t.db.query<{ subject: string; details: { removed: number; pairIds: number[]; files: unknown[]; replaced: unknown[] } }>(
      "SELECT subject, details FROM audit_events WHERE action = 'export.rewrite' ORDER BY id",
    );
    expect(events.map((e) => e.subject).sort()).toEqual(Object.values(made).map((id) => `export:${id}`).sort());
    for (const e of events) {
      expect(e.details).toMatchObject({ removed: 2, pairIds: hiddenIds });
      expect(JSON.stringify(e.details)).not.toContain(MARK);
    }
    // Another run finds nothing more to do.
    await queueHidingFiles(t.db);
    await runJobs();
    expect((await t.db.query("SELECT 1 FROM audit_events WHERE action = 'export.rewrite'")).length).toBe(events.length);
  });
});

describe('a pair hidden while an export is being written', () => {
  it('is caught once the export is done, even when the hiding job ran first', async () => {
    let flagged = false;
    const id = await exportNow({ source: { kind: 'dataset', dataset: 'main' }, format: 'csv' }, {
      onProgress: async () => {
        if (flagged) return;
        flagged = true;
        // The batch holding pair 4 is written; it is hidden now, and its job runs before the export is done.
        await flagPairs(t.db, curator, { target: { kind: 'pairs', pairIds: [main[4]] }, reason: 'csam_suspected' });
        await runJobs();
      },
    });
    expect(flagged).toBe(true);
    expect(await readPairIds(join(exportFolder(id), 'pair-ids.bin'))).toContain(main[4]);
    expect((await get(id)).status).toBe(409);
    expect(await t.db.query("SELECT 1 FROM jobs WHERE kind = 'hiding' AND state = 'queued'")).toHaveLength(1);
    await runJobs();
    expect(await readPairIds(join(exportFolder(id), 'pair-ids.bin'))).not.toContain(main[4]);
    expect((await get(id)).status).toBe(200);
    expect((await manifestOf(id)).rewrites).toEqual([{ at: expect.any(String), removed: 1 }]);
  });
});
