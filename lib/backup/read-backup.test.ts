// Reading a backup file without a database: rows come back byte for byte (a character cut between two gzip chunks
// included), and the seal, counts, order and version are checked.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBackup } from './read-backup';
import { BACKUP_TABLE_NAMES } from './tables';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(os.tmpdir(), 'sieve-read-backup-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const rule = (id: number, name: string) => ({ t: 'concept_rules', r: { id, name, prompt: 'a photo', threshold: 0.2, reason: 'violence', enabled: true, created_by: null, created_at: '2026-11-26T21:45:39.123456Z' } });
const entry = { t: 'block_list_entries', r: { list_id: 1, kind: 'domain', value: 'example.com' } };

async function backupFile(name: string, rows: unknown[], edit: (lines: string[]) => string[] = (l) => l): Promise<string> {
  const counts = Object.fromEntries(BACKUP_TABLE_NAMES.map((t) => [t, rows.filter((r) => (r as { t: string }).t === t).length]));
  const header = { format: 'sieve-backup', version: 1, created_at: '2026-11-26T22:00:00.000Z', sieve_schema: '0010_concept_rules', counts };
  const body = [header, ...rows].map((x) => `${JSON.stringify(x)}\n`).join('');
  const trailer = { end: true, counts, sha256: createHash('sha256').update(body).digest('hex') };
  const lines = edit(`${body}${JSON.stringify(trailer)}\n`.trimEnd().split('\n'));
  const file = join(dir, name);
  await writeFile(file, gzipSync(`${lines.join('\n')}\n`));
  return file;
}

const readAll = async (file: string) => {
  const out = [];
  for await (const item of readBackup(file)) out.push(item);
  return out;
};

describe('readBackup', () => {
  it('gives back each row as written, however the lines fall across chunks', async () => {
    // A 90 KB line of two-byte characters over several 16 KiB gunzip chunks: some are cut between two.
    const name = 'ré'.repeat(30_000);
    const file = await backupFile('big.gz', [rule(1, name), rule(2, 'x'), entry]);
    const items = await readAll(file);
    expect(items.map((i) => i.kind)).toEqual(['header', 'row', 'row', 'row']);
    expect(items[1]).toMatchObject({ table: 'concept_rules', n: 2, row: { name } });
    expect(items[3]).toMatchObject({ table: 'block_list_entries', row: entry.r });
  });

  it('reads a block list backed up before lists kept their authority and last editor, with both null', async () => {
    const list = { t: 'block_lists', r: { id: 1, name: 'old', reason: 'copyright_optout', source: 'old.txt', created_by: null, created_at: '2026-11-26T21:45:39.123456Z', updated_at: '2026-11-26T21:45:39.123456Z' } };
    const items = await readAll(await backupFile('old-list.gz', [list, entry]));
    expect(items[1]).toMatchObject({ table: 'block_lists', row: { ...list.r, authority: null, updated_by: null } });
  });

  it('refuses rows out of table order, a count the trailer does not hold, lines after the trailer and an unknown table', async () => {
    await expect(readAll(await backupFile('order.gz', [entry, rule(1, 'x')]))).rejects.toThrow(/order\.gz: line 3: a concept_rules row after block_list_entries rows/);
    await expect(readAll(await backupFile('count.gz', [rule(1, 'x')], (l) => [l[0], l[1], l[1], l[2]]))).rejects.toThrow(/count\.gz: 2 concept_rules rows, but the file says 1/);
    await expect(readAll(await backupFile('after.gz', [rule(1, 'x')], (l) => [...l, l[1]]))).rejects.toThrow(/after\.gz: line 4: lines after the trailer/);
    await expect(readAll(await backupFile('table.gz', [{ t: 'pairs', r: {} }]))).rejects.toThrow(/table\.gz: line 2: bad row: t:/);
    await expect(readAll(await backupFile('extra.gz', [{ ...rule(1, 'x'), r: { ...rule(1, 'x').r, secret: 1 } }]))).rejects.toThrow(/extra\.gz: line 2: bad concept_rules row/);
  });

  it('refuses what is not a Sieve backup', async () => {
    const file = join(dir, 'plain.gz');
    await writeFile(file, gzipSync('{"hello":1}\n'));
    await expect(readAll(file)).rejects.toThrow(/plain\.gz: not a Sieve backup/);
    await writeFile(file, gzipSync(''));
    await expect(readAll(file)).rejects.toThrow(/plain\.gz: empty/);
  });
});
