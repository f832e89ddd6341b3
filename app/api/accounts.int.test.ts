// Accounts end to end on a real database: passwords, sign-in (and its refusals), sessions, tokens, disabling, audit.
import { verifyPassword } from 'better-auth/crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliActor } from '@/lib/auth/cli-actor';
import { createUser } from '@/lib/auth/create-user';
import { SIGN_IN_THROTTLE } from '@/lib/auth/sign-in-throttle';
import { setDb } from '@/lib/db/get-db';
import { createTestDatabase, type TestDatabase } from '@/test/databases';
import { makeTempDir } from '@/lib/ingest/__fixtures__/make-temp-dir';
import { call, request } from './__fixtures__/call-route';
import { PASSWORD, signIn, userWithRole } from './__fixtures__/sign-in';
import { GET as me } from './me/route';
import { GET as listTokens, POST as createTokenRoute } from './tokens/route';
import { DELETE as revokeTokenRoute } from './tokens/[id]/route';
import { GET as listUsers, POST as addUser } from './users/route';
import { PATCH as patchUser } from './users/[id]/route';
import { GET as audit } from './audit/route';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let t: TestDatabase;
let tmp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  t = await createTestDatabase();
  setDb(t.db);
  tmp = await makeTempDir('accounts');
  process.env.SIEVE_HOME = tmp.dir;
  process.env.SIEVE_READ = 'signed-in';
});
afterAll(async () => {
  setDb(undefined);
  delete process.env.SIEVE_READ;
  await t?.close();
  await tmp?.cleanup();
});

const json = async (res: Response) => ({ status: res.status, body: (await res.json()) as Record<string, any> });
const events = (action: string) => t.db.query<{ actor: string | null; subject: string; details: any; ip: string | null }>('SELECT actor, subject, details, ip FROM audit_events WHERE action = $1 ORDER BY id', [action]);

describe('passwords', () => {
  it('stores a scrypt hash that verifies only the right password, and refuses short ones', async () => {
    const { user } = await createUser(t.db, cliActor(), { email: 'Hash@Test.local', password: PASSWORD });
    expect(user.email).toBe('hash@test.local');
    const [{ password }] = await t.db.query<{ password: string }>('SELECT password FROM accounts WHERE user_id = $1', [user.id]);
    expect(password).not.toContain(PASSWORD);
    expect(password).toMatch(/^[0-9a-f]+:[0-9a-f]+$/);
    expect(await verifyPassword({ hash: password, password: PASSWORD })).toBe(true);
    expect(await verifyPassword({ hash: password, password: `${PASSWORD}!` })).toBe(false);
    await expect(createUser(t.db, cliActor(), { email: 'short@test.local', password: 'eleven chrs' })).rejects.toThrow(/at least 12 characters/);
    await expect(createUser(t.db, cliActor(), { email: 'hash@test.local', password: PASSWORD })).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('sign-in', () => {
  it('signs in with the right password, shows who and what role, and records it', async () => {
    const { cookie } = await userWithRole(t.db, 'curator');
    const res = await json(await call(me, request('GET', '/api/me', undefined, { cookie })));
    expect(res.body).toEqual({ user: { id: expect.any(String), email: 'curator@test.local', name: 'curator', role: 'curator' }, read: 'signed-in' });
    expect(await events('auth.sign_in')).toContainEqual(expect.objectContaining({ subject: `user:${res.body.user.id}`, ip: expect.stringMatching(/^10\.9\./) }));
  });

  it('answers a wrong password, an unknown user and a disabled user alike, and records the failures', async () => {
    await createUser(t.db, cliActor(), { email: 'off@test.local', password: PASSWORD });
    await t.db.query("UPDATE users SET disabled = true WHERE email = 'off@test.local'");
    const answers = [await signIn(t.db, 'curator@test.local', 'wrong password!'), await signIn(t.db, 'nobody@test.local'), await signIn(t.db, 'off@test.local')];
    for (const a of answers) expect({ status: a.status, cookie: a.cookie, body: a.body }).toEqual({ status: 401, cookie: null, body: answers[0].body });
    expect((answers[0].body as { message: string }).message).toBe('Invalid email or password');
    const failed = await events('auth.sign_in_failed');
    expect(failed.map((e) => e.subject)).toEqual(expect.arrayContaining(['email:curator@test.local', 'email:nobody@test.local', 'email:off@test.local']));
  });

  it(`throttles an account after ${SIGN_IN_THROTTLE.perAccount.free} failures, never locks it: the owner elsewhere gets in after a short wait`, async () => {
    await createUser(t.db, cliActor(), { email: 'target@test.local', password: PASSWORD });
    // An attacker who knows the e-mail, from many addresses.
    for (let i = 0; i < SIGN_IN_THROTTLE.perAccount.free; i++) expect((await signIn(t.db, 'target@test.local', `guess number ${i}`, `10.78.0.${i}`)).status).toBe(401);
    // The owner, from an address of their own: a moment's wait, not a quarter of an hour.
    const waiting = await signIn(t.db, 'target@test.local', PASSWORD, '10.78.9.1');
    expect(waiting.status).toBe(429);
    expect(waiting.cookie).toBeNull();
    expect((waiting.body as { message: string }).message).toMatch(/Too many failed sign-ins for this account: try again in 1 second/);
    await sleep(1_100);
    const owner = await signIn(t.db, 'target@test.local', PASSWORD, '10.78.9.1');
    expect(owner.status).toBe(200);
    expect(owner.cookie).not.toBeNull();

    // Guessing stays slow: each failure from anywhere doubles the next wait for every new address...
    expect((await signIn(t.db, 'target@test.local', 'guess 11', '10.78.1.1')).status).toBe(401);
    const next = await signIn(t.db, 'target@test.local', 'guess 12', '10.78.1.2');
    expect(next.status).toBe(429);
    expect((next.body as { message: string }).message).toMatch(/try again in 2 seconds/);
    // ...while the address the owner signed in from goes straight through.
    expect((await signIn(t.db, 'target@test.local', PASSWORD, '10.78.9.1')).status).toBe(200);
    // A throttled try is refused before the password is read and isn't counted as a failure.
    expect(await t.db.query("SELECT 1 FROM audit_events WHERE action = 'auth.sign_in_failed' AND subject = 'email:target@test.local'")).toHaveLength(SIGN_IN_THROTTLE.perAccount.free + 1);
  });

  it('slows a guesser at one address far more than anyone else', async () => {
    await createUser(t.db, cliActor(), { email: 'single@test.local', password: PASSWORD });
    for (let i = 0; i < SIGN_IN_THROTTLE.perAddress.free; i++) expect((await signIn(t.db, 'single@test.local', `guess number ${i}`, '10.79.0.1')).status).toBe(401);
    // That address now waits; one that never failed doesn't (fewer failures than the account-wide rule needs).
    const slowed = await signIn(t.db, 'single@test.local', 'one more', '10.79.0.1');
    expect(slowed.status).toBe(429);
    expect((slowed.body as { message: string }).message).toMatch(/Too many failed sign-ins for this account/);
    expect((await signIn(t.db, 'single@test.local', PASSWORD, '10.79.0.2')).status).toBe(200);
  });

  it('limits sign-in attempts per client address', async () => {
    const statuses: number[] = [];
    // A different e-mail each time: better-auth's limit per address, not the throttle per account.
    for (let i = 0; i < 7; i++) statuses.push((await signIn(t.db, `sprayed${i}@test.local`, 'not the password', '10.77.0.1')).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('tokens', () => {
  it('creates a token shown once, acts with it (capped at its role), and refuses it once revoked', async () => {
    const admin = await userWithRole(t.db, 'admin');
    const made = await json(await call(createTokenRoute, request('POST', '/api/tokens', { name: 'script', role: 'viewer' }, { cookie: admin.cookie })));
    expect(made.status).toBe(200);
    expect(made.body.secret).toMatch(/^sieve_[\w-]{43}$/);
    const [{ token_hash }] = await t.db.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens WHERE id = $1', [made.body.token.id]);
    expect(token_hash).not.toContain(made.body.secret);
    const token = made.body.secret as string;

    const who = await json(await call(me, request('GET', '/api/me', undefined, { token, origin: null })));
    expect(who.body.user).toMatchObject({ email: 'admin@test.local', role: 'viewer' });
    // A viewer token of an admin can't do what needs admin.
    expect((await call(listUsers, request('GET', '/api/users', undefined, { token }))).status).toBe(403);
    // Nor ask for more than its creator has.
    const viewer = await userWithRole(t.db, 'viewer');
    expect((await call(createTokenRoute, request('POST', '/api/tokens', { name: 'x', role: 'admin' }, { cookie: viewer.cookie }))).status).toBe(403);

    const listed = await json(await call(listTokens, request('GET', '/api/tokens', undefined, { cookie: admin.cookie })));
    expect(listed.body.tokens).toEqual([expect.objectContaining({ name: 'script', prefix: token.slice(0, 12), lastUsedAt: expect.any(String), revokedAt: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(token);

    // Someone else's token is not theirs to revoke (and reads as absent).
    expect((await call(revokeTokenRoute, request('DELETE', `/api/tokens/${made.body.token.id}`, undefined, { cookie: viewer.cookie }), { id: String(made.body.token.id) })).status).toBe(404);
    expect((await call(revokeTokenRoute, request('DELETE', `/api/tokens/${made.body.token.id}`, undefined, { cookie: admin.cookie }), { id: String(made.body.token.id) })).status).toBe(200);
    const after = await json(await call(me, request('GET', '/api/me', undefined, { token })));
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/revoked/);
    expect((await events('token.create')).length).toBe(1);
    expect((await events('token.revoke')).length).toBe(1);
  });

  it('refuses a malformed Authorization header and an unknown token with 401', async () => {
    expect((await call(me, request('GET', '/api/me', undefined, { token: 'sieve_nope' }))).status).toBe(401);
    const res = await call(me, new Request('http://127.0.0.1:3000/api/me', { headers: { authorization: 'Basic abc' } }));
    expect(res.status).toBe(401);
  });
});

describe('users', () => {
  it('lets an admin add a user (one-time password), change the role and disable them: sessions and tokens stop at once', async () => {
    const admin = await userWithRole(t.db, 'admin');
    const added = await json(await call(addUser, request('POST', '/api/users', { email: 'new@test.local', role: 'viewer' }, { cookie: admin.cookie })));
    expect(added.status).toBe(200);
    expect(added.body.password).toHaveLength(16);
    const session = await signIn(t.db, 'new@test.local', added.body.password);
    expect(session.status).toBe(200);
    const tokenRes = await json(await call(createTokenRoute, request('POST', '/api/tokens', { name: 'mine' }, { cookie: session.cookie! })));
    const id = added.body.user.id as string;

    const promoted = await json(await call(patchUser, request('PATCH', `/api/users/${id}`, { role: 'reviewer' }, { cookie: admin.cookie }), { id }));
    expect(promoted.body.user.role).toBe('reviewer');
    // The session sees the new role on its next request, and the token stays capped at what it was made with (viewer).
    expect((await json(await call(me, request('GET', '/api/me', undefined, { cookie: session.cookie! })))).body.user.role).toBe('reviewer');
    expect((await json(await call(me, request('GET', '/api/me', undefined, { token: tokenRes.body.secret })))).body.user.role).toBe('viewer');

    await call(patchUser, request('PATCH', `/api/users/${id}`, { disabled: true }, { cookie: admin.cookie }), { id });
    expect((await call(me, request('GET', '/api/me', undefined, { cookie: session.cookie! }))).status).toBe(200);
    expect((await json(await call(me, request('GET', '/api/me', undefined, { cookie: session.cookie! })))).body.user).toBeNull();
    expect((await call(listTokens, request('GET', '/api/tokens', undefined, { cookie: session.cookie! }))).status).toBe(401);
    expect((await call(listTokens, request('GET', '/api/tokens', undefined, { token: tokenRes.body.secret }))).status).toBe(401);
    expect((await signIn(t.db, 'new@test.local', added.body.password)).status).toBe(401);

    expect((await events('user.role')).at(-1)).toMatchObject({ actor: admin.id, subject: `user:${id}`, details: { from: 'viewer', to: 'reviewer' } });
    expect((await events('user.disable')).at(-1)).toMatchObject({ actor: admin.id, details: { sessionsEnded: 1 } });
  });

  it('refuses to demote or disable the last active admin', async () => {
    const [{ n }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled");
    expect(n).toBe(1);
    const admin = await userWithRole(t.db, 'admin');
    const res = await json(await call(patchUser, request('PATCH', `/api/users/${admin.id}`, { role: 'viewer' }, { cookie: admin.cookie }), { id: admin.id }));
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/last active admin/);
  });

  it('writes the event in the same transaction as the change: when the event fails, the change is gone too', async () => {
    await t.db.query("ALTER TABLE audit_events ADD CONSTRAINT refuse_user_create CHECK (action <> 'user.create') NOT VALID");
    try {
      await expect(createUser(t.db, cliActor(), { email: 'ghost@test.local', password: PASSWORD })).rejects.toThrow();
      expect(await t.db.query("SELECT 1 FROM users WHERE email = 'ghost@test.local'")).toHaveLength(0);
      expect(await t.db.query("SELECT 1 FROM accounts a JOIN users u ON u.id = a.user_id WHERE u.email = 'ghost@test.local'")).toHaveLength(0);
    } finally {
      await t.db.query('ALTER TABLE audit_events DROP CONSTRAINT refuse_user_create');
    }
  });
});

describe('GET /api/audit', () => {
  it('pages newest first with filters, downloads CSV and JSONL, and is for reviewers and up', async () => {
    const reviewer = await userWithRole(t.db, 'reviewer');
    const curator = await userWithRole(t.db, 'curator');
    expect((await call(audit, request('GET', '/api/audit', undefined, { cookie: curator.cookie }))).status).toBe(403);
    const first = await json(await call(audit, request('GET', '/api/audit?limit=3', undefined, { cookie: reviewer.cookie })));
    expect(first.body.events).toHaveLength(3);
    const ids = first.body.events.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const second = await json(await call(audit, request('GET', `/api/audit?limit=3&before=${first.body.nextBefore}`, undefined, { cookie: reviewer.cookie })));
    expect(second.body.events[0].id).toBeLessThan(ids[2]);

    const mine = await json(await call(audit, request('GET', '/api/audit?actor=reviewer@test.local&action=auth.', undefined, { cookie: reviewer.cookie })));
    expect(mine.body.events.length).toBeGreaterThan(0);
    expect(mine.body.events.every((e: { actorEmail: string; action: string }) => e.actorEmail === 'reviewer@test.local' && e.action.startsWith('auth.'))).toBe(true);

    const csv = await call(audit, request('GET', '/api/audit?format=csv&action=user.role', undefined, { cookie: reviewer.cookie }));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,actorEmail,action,subject,datasetId,ip,details');
    expect(lines.slice(1).every((l) => l.includes(',user.role,'))).toBe(true);
    const jsonl = await call(audit, request('GET', '/api/audit?format=jsonl&action=user.role', undefined, { cookie: reviewer.cookie }));
    const rows = (await jsonl.text()).trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.length).toBe(lines.length - 1);
    expect((await call(audit, request('GET', '/api/audit?from=yesterday', undefined, { cookie: reviewer.cookie }))).status).toBe(400);
  });
});
