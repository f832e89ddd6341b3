// `sieve backup` and `sieve restore` against real databases: a backup of flagged data restored into a second database
// that ingested the same file, a re-run that adds nothing, and one-line errors naming the file.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { writeLaionParquet } from '../ingest/__fixtures__/write-laion-parquet';
import { runSieve } from './__fixtures__/run-sieve';

let from: TestDatabase;
let to: TestDatabase;
let tmp: string;
beforeAll(async () => {
  [from, to] = [await createTestDatabase(), await createTestDatabase()];
  tmp = await mkdtemp(join(os.tmpdir(), 'sieve-cli-backup-'));
  writeLaionParquet(join(tmp, 'rows.parquet'), 30);
});
afterAll(async () => {
  await from?.close();
  await to?.close();
  await rm(tmp, { recursive: true, force: true });
});

const sieve = (t: TestDatabase, args: string[]) => runSieve(t, join(tmp, 'home'), args);

describe('sieve backup / restore', () => {
  it('backs up flags and restores them into a database that ingested the same file; a re-run adds nothing', async () => {
    const file = join(tmp, 'sieve.backup.gz');
    expect((await sieve(from, ['ingest', join(tmp, 'rows.parquet'), '--dataset', 'rows'])).code).toBe(0);
    expect((await sieve(from, ['flag', '--reason', 'hate', '--dataset', 'rows', '--keyword', 'number', '--filters', '{"widthMin":125}'])).code).toBe(0);
    const backup = await sieve(from, ['backup', file]);
    expect(backup).toMatchObject({ code: 0, out: expect.stringMatching(/^backup written to .*sieve\.backup\.gz: 5 audit_events, 5 flags \(\d+ bytes/) });
    expect(await sieve(from, ['backup', file])).toMatchObject({ code: 75, err: expect.stringMatching(/^sieve backup: .*sieve\.backup\.gz exists/) });

    expect(await sieve(to, ['restore', file])).toMatchObject({ code: 66, err: expect.stringMatching(/^sieve restore: .*sieve\.backup\.gz refers to datasets this database does not have: "rows"/) });
    expect((await sieve(to, ['ingest', join(tmp, 'rows.parquet'), '--dataset', 'rows'])).code).toBe(0);
    expect(await sieve(to, ['restore', file])).toMatchObject({ code: 0, out: expect.stringContaining('flags: 5 added, 0 already there') });
    expect(await sieve(to, ['restore', file])).toMatchObject({ code: 0, out: expect.stringContaining('flags: 0 added, 5 already there') });
    const flags = await to.db.query<{ reason: string; n: number }>('SELECT reason, count(*)::int AS n FROM flags GROUP BY reason');
    expect(flags).toEqual([{ reason: 'hate', n: 5 }]);
  });

  it('refuses a damaged file, a missing one and a missing argument with one line', async () => {
    await writeFile(join(tmp, 'junk.gz'), 'not a backup');
    expect(await sieve(to, ['restore', join(tmp, 'junk.gz')])).toMatchObject({ code: 65, err: expect.stringMatching(/^sieve restore: .*junk\.gz: not a complete gzip file .*truncated or damaged\n$/) });
    expect(await sieve(to, ['restore', join(tmp, 'none.gz')])).toMatchObject({ code: 66, err: expect.stringMatching(/^sieve restore: .*none\.gz: no such file\n$/) });
    expect(await sieve(to, ['restore'])).toMatchObject({ code: 65, err: expect.stringContaining('give one file: npm run sieve -- restore <file>') });
  });
});
