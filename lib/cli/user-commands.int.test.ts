// `sieve user …` against a real database: the same accounts, roles and audit events as the admin page.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { verifyPassword } from 'better-auth/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/databases';
import { runSieve } from './__fixtures__/run-sieve';

let t: TestDatabase;
let tmp: string;
beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await mkdtemp(join(os.tmpdir(), 'sieve-cli-users-'));
});
afterAll(async () => {
  await t?.close();
  await rm(tmp, { recursive: true, force: true });
});

const sieve = (args: string[], stdin?: string) => runSieve(t, tmp, args, stdin);

describe('sieve user', () => {
  it('adds an admin with a one-time password, and another user with a password from stdin', async () => {
    const a = await sieve(['user', 'add', 'Boss@Example.org', '--role', 'admin']);
    expect(a.code).toBe(0);
    const password = /one-time password \(shown once\): (\S+)/.exec(a.out)?.[1];
    expect(password).toHaveLength(16);
    const [{ password: hash }] = await t.db.query<{ password: string }>("SELECT a.password FROM accounts a JOIN users u ON u.id = a.user_id WHERE u.email = 'boss@example.org'");
    expect(await verifyPassword({ hash, password: password! })).toBe(true);

    const b = await sieve(['user', 'add', 'eve@example.org', '--password-stdin'], 'twelve chars or more\n');
    expect(b).toMatchObject({ code: 0, out: 'added eve@example.org (viewer)\n' });
  });

  it('refuses a short password, a bad role and a duplicate with one line and an exit code', async () => {
    expect(await sieve(['user', 'add', 'x@example.org', '--password-stdin'], 'short\n')).toMatchObject({ code: 65, err: expect.stringMatching(/^sieve user: .*at least 12 characters\n$/) });
    expect(await sieve(['user', 'role', 'eve@example.org', 'overlord'])).toMatchObject({ code: 65, err: expect.stringContaining('role must be one of viewer, curator, reviewer, admin') });
    expect(await sieve(['user', 'add', 'eve@example.org'])).toMatchObject({ code: 75, err: expect.stringContaining('exists already') });
    expect(await sieve(['user', 'role', 'nobody@example.org', 'admin'])).toMatchObject({ code: 66 });
  });

  it('changes a role, disables and enables, lists, and audits each change as the CLI', async () => {
    expect((await sieve(['user', 'role', 'eve@example.org', 'curator'])).out).toBe('eve@example.org is now curator\n');
    expect((await sieve(['user', 'disable', 'eve@example.org'])).out).toBe('eve@example.org is disabled\n');
    const list = await sieve(['user', 'list']);
    expect(list.out).toMatch(/^boss@example\.org\tadmin\tactive\t\d{4}-\d\d-\d\d\neve@example\.org\tcurator\tdisabled\t/);
    expect((await sieve(['user', 'enable', 'eve@example.org'])).out).toBe('eve@example.org is enabled\n');
    const events = await t.db.query<{ action: string; actor: string }>("SELECT action, actor FROM audit_events WHERE action LIKE 'user.%' ORDER BY id");
    expect(events.map((e) => e.action)).toEqual(['user.create', 'user.create', 'user.role', 'user.disable', 'user.enable']);
    expect(events.every((e) => e.actor.startsWith('cli:'))).toBe(true);
  });
});
