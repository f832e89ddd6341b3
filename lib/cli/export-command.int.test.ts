// `sieve export` against a real database: an export into --out, the same again from its manifest (byte-identical),
// and the removal list between two releases.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { writeLaionParquet } from '../ingest/__fixtures__/write-laion-parquet';
import { runSieve } from './__fixtures__/run-sieve';

let t: TestDatabase;
let tmp: string;
beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await mkdtemp(join(os.tmpdir(), 'sieve-cli-export-'));
  writeLaionParquet(join(tmp, 'rows.parquet'), 30);
});
afterAll(async () => {
  await t?.close();
  await rm(tmp, { recursive: true, force: true });
});

const sieve = (args: string[]) => runSieve(t, join(tmp, 'home'), args);

describe('sieve export', () => {
  it('exports, re-runs from the manifest byte for byte, and lists what a later release removed', async () => {
    expect((await sieve(['ingest', join(tmp, 'rows.parquet'), '--dataset', 'rows'])).code).toBe(0);
    const first = await sieve(['export', '--dataset', 'rows', '--keyword', 'caption', '--format', 'csv', '--out', join(tmp, 'v1')]);
    expect(first).toMatchObject({ code: 0, out: expect.stringMatching(/: 30 rows \(0 left out by the rule, 0 withheld\)/) });
    const again = await sieve(['export', '--manifest', join(tmp, 'v1', 'manifest.json'), '--out', join(tmp, 'v1-again')]);
    expect(again.code).toBe(0);
    expect(await readFile(join(tmp, 'v1-again', 'export.csv'))).toEqual(await readFile(join(tmp, 'v1', 'export.csv')));

    expect((await sieve(['flag', '--reason', 'hate', '--dataset', 'rows', '--keyword', 'number', '--filters', '{"widthMin":125}'])).code).toBe(0);
    await t.db.query("UPDATE flags SET state = 'confirmed'");
    expect((await sieve(['export', '--manifest', join(tmp, 'v1', 'manifest.json'), '--out', join(tmp, 'v2')])).code).toBe(0);
    const diff = await sieve(['export', '--diff', join(tmp, 'v1', 'manifest.json'), join(tmp, 'v2', 'manifest.json'), '--out', join(tmp, 'removed')]);
    expect(diff).toMatchObject({ code: 0, out: expect.stringMatching(/^5 pairs removed/) });
    const csv = (await readFile(join(tmp, 'removed', 'export.csv'), 'utf8')).trim().split('\r\n');
    expect(csv).toHaveLength(6);
    expect(csv.slice(1).every((l) => l.endsWith('hate:confirmed'))).toBe(true);
    expect(existsSync(join(tmp, 'removed', 'export.parquet'))).toBe(true);
  });

  it('refuses a missing --out, an unknown format and a non-empty --out with one line', async () => {
    expect(await sieve(['export', '--dataset', 'rows', '--format', 'csv'])).toMatchObject({ code: 65, err: expect.stringContaining('--out') });
    expect(await sieve(['export', '--dataset', 'rows', '--format', 'xlsx', '--out', join(tmp, 'x')])).toMatchObject({ code: 65, err: expect.stringMatching(/^sieve export.*format/) });
    expect((await sieve(['export', '--dataset', 'rows', '--format', 'csv', '--out', join(tmp, 'v1')])).code).toBe(75);
  });
});
