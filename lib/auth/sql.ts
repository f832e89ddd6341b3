// The accounts concept's own SQL: users, their credential, their sessions and personal tokens. better-auth reads and
// writes the same tables for sign-in; everything else about users goes through here.
import type { Queryable } from '../db/client';
import type { Role } from './roles';
import type { TokenSummary, UserSummary } from './schemas';

interface UserRow { id: string; email: string; name: string; role: Role; disabled: boolean; created_at: Date }

const toUser = (r: UserRow): UserSummary => ({ id: r.id, email: r.email, name: r.name, role: r.role, disabled: r.disabled, createdAt: r.created_at.toISOString() });
const USER_COLUMNS = 'id, email, name, role, disabled, created_at';

export async function insertUser(q: Queryable, u: { id: string; email: string; name: string; role: Role; passwordHash: string }): Promise<UserSummary> {
  const [row] = await q.query<UserRow>(
    `INSERT INTO users (id, email, name, role, email_verified) VALUES ($1, $2, $3, $4, false)
     ON CONFLICT (email) DO NOTHING RETURNING ${USER_COLUMNS}`,
    [u.id, u.email, u.name, u.role],
  );
  if (!row) return row;
  await q.query(
    `INSERT INTO accounts (id, account_id, provider_id, user_id, password) VALUES ($1, $2, 'credential', $2, $3)`,
    [crypto.randomUUID(), u.id, u.passwordHash],
  );
  return toUser(row);
}

export async function selectUsers(q: Queryable): Promise<UserSummary[]> {
  return (await q.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users ORDER BY created_at, email`)).map(toUser);
}

/** By id or (case-insensitive) email; FOR UPDATE inside a change, so two admins' edits queue up. */
export async function selectUser(q: Queryable, by: { id?: string; email?: string }, lock = false): Promise<UserSummary | null> {
  const [row] = await q.query<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE ${by.id !== undefined ? 'id = $1' : 'lower(email) = lower($1)'}${lock ? ' FOR UPDATE' : ''}`,
    [by.id ?? by.email],
  );
  return row ? toUser(row) : null;
}

export async function updateUserRow(q: Queryable, id: string, set: { role?: Role; disabled?: boolean }): Promise<UserSummary> {
  const [row] = await q.query<UserRow>(
    `UPDATE users SET role = coalesce($2, role), disabled = coalesce($3, disabled), updated_at = now() WHERE id = $1 RETURNING ${USER_COLUMNS}`,
    [id, set.role ?? null, set.disabled ?? null],
  );
  return toUser(row);
}

export async function updatePasswordHash(q: Queryable, userId: string, hash: string): Promise<void> {
  await q.query(`UPDATE accounts SET password = $2, updated_at = now() WHERE user_id = $1 AND provider_id = 'credential'`, [userId, hash]);
}

/** Ends every session of a user at once: the next request with their cookie is anonymous. */
export async function deleteSessions(q: Queryable, userId: string): Promise<number> {
  return (await q.query('DELETE FROM sessions WHERE user_id = $1 RETURNING 1', [userId])).length;
}

export async function countActiveAdmins(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>("SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND NOT disabled");
  return row.n;
}

interface TokenRow {
  id: number; name: string; prefix: string; role: Role; created_at: Date; expires_at: Date | null; last_used_at: Date | null; revoked_at: Date | null;
}
// A token made before every token had an expiry ends a year after it was made (MAX_TOKEN_DAYS), like the longest now.
const EXPIRES = `coalesce(expires_at, created_at + interval '365 days')`;
const TOKEN_COLUMNS = `id, name, prefix, role, created_at, ${EXPIRES} AS expires_at, last_used_at, revoked_at`;
const toToken = (r: TokenRow): TokenSummary => ({
  id: r.id, name: r.name, prefix: r.prefix, role: r.role, createdAt: r.created_at.toISOString(), expiresAt: r.expires_at?.toISOString() ?? null,
  lastUsedAt: r.last_used_at?.toISOString() ?? null, revokedAt: r.revoked_at?.toISOString() ?? null,
});

export async function insertToken(q: Queryable, t: { userId: string; name: string; hash: string; prefix: string; role: Role; expiresAt: Date | null }): Promise<TokenSummary> {
  const [row] = await q.query<TokenRow>(
    `INSERT INTO api_tokens (user_id, name, token_hash, prefix, role, expires_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING ${TOKEN_COLUMNS}`,
    [t.userId, t.name, t.hash, t.prefix, t.role, t.expiresAt],
  );
  return toToken(row);
}

export async function selectTokens(q: Queryable, userId: string): Promise<TokenSummary[]> {
  return (await q.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY id DESC`, [userId])).map(toToken);
}

export async function revokeTokenRow(q: Queryable, id: number): Promise<{ token: TokenSummary; userId: string } | null> {
  const [row] = await q.query<TokenRow & { user_id: string }>(
    `UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING ${TOKEN_COLUMNS}, user_id`,
    [id],
  );
  return row ? { token: toToken(row), userId: row.user_id } : null;
}

export async function selectTokenOwner(q: Queryable, id: number): Promise<string | null> {
  const [row] = await q.query<{ user_id: string }>('SELECT user_id FROM api_tokens WHERE id = $1', [id]);
  return row?.user_id ?? null;
}

/** The live token with this hash and its enabled owner; marks it used (at most once a minute, to spare writes). */
export async function selectTokenActor(q: Queryable, hash: string): Promise<{ userId: string; email: string; name: string; userRole: Role; tokenRole: Role } | null> {
  const [row] = await q.query<{ id: number; user_id: string; email: string; name: string; user_role: Role; token_role: Role; stale: boolean }>(
    `SELECT t.id, t.user_id, u.email, u.name, u.role AS user_role, t.role AS token_role,
            (t.last_used_at IS NULL OR t.last_used_at < now() - interval '1 minute') AS stale
       FROM api_tokens t JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND coalesce(t.expires_at, t.created_at + interval '365 days') > now() AND NOT u.disabled`,
    [hash],
  );
  if (!row) return null;
  if (row.stale) await q.query('UPDATE api_tokens SET last_used_at = now() WHERE id = $1', [row.id]);
  return { userId: row.user_id, email: row.email, name: row.name, userRole: row.user_role, tokenRole: row.token_role };
}

export async function countUserRows(q: Queryable): Promise<number> {
  const [row] = await q.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return row.n;
}
