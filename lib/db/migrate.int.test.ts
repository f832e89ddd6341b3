import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations, migrate } from './migrate';
import { checkPgvector, isVersionAtLeast } from './check-pgvector';
import { createTestDatabase, type TestDatabase } from '../../test/databases';

describe('migrate', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => t?.close());

  it('applies every migration once, records it, and is a no-op the second time', async () => {
    const names = readMigrations().map((m) => m.name);
    expect(await migrate(t.db)).toEqual(names);
    expect(await migrate(t.db)).toEqual([]);
    const rows = await t.db.query<{ name: string }>('SELECT name FROM _sieve_migrations ORDER BY name');
    expect(rows.map((r) => r.name)).toEqual(names);
  });

  it('runs on pgvector 0.7 or newer', async () => {
    const version = await checkPgvector(t.db);
    expect(isVersionAtLeast(version, [0, 7, 0])).toBe(true);
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'x' } : m));
    await expect(migrate(t.db, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it('rolls a failing migration back whole and records nothing', async () => {
    const bad = [...readMigrations(), { name: '9999_bad', sql: 'CREATE TABLE half_done (x int); SELECT no_such_fn();', checksum: 'b' }];
    await expect(migrate(t.db, bad)).rejects.toThrow();
    const [{ n }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_tables WHERE tablename = 'half_done'");
    expect(n).toBe(0);
    const rec = await t.db.query("SELECT 1 FROM _sieve_migrations WHERE name = '9999_bad'");
    expect(rec).toHaveLength(0);
  });

  it('makes audit_events append-only in the database itself', async () => {
    await t.db.query("INSERT INTO audit_events (action, subject) VALUES ('test', 'pair:1')");
    await expect(t.db.query("UPDATE audit_events SET action = 'x'")).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
    const [{ n }] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_events');
    expect(n).toBe(1);
  });
});

describe('isVersionAtLeast', () => {
  it('compares dotted versions numerically', () => {
    expect(isVersionAtLeast('0.8.0', [0, 7, 0])).toBe(true);
    expect(isVersionAtLeast('0.10.1', [0, 7, 0])).toBe(true);
    expect(isVersionAtLeast('0.6.2', [0, 7, 0])).toBe(false);
    expect(isVersionAtLeast('0.7', [0, 7, 0])).toBe(true);
  });
});
