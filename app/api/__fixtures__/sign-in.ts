// Test support: users with a role, signed in through better-auth's real endpoint, as a cookie to send back.
import { getAuth } from '@/lib/auth/get-auth';
import { cliActor } from '@/lib/auth/cli-actor';
import { createUser } from '@/lib/auth/create-user';
import type { Role } from '@/lib/auth/roles';
import type { Db } from '@/lib/db/client';
import { request } from './call-route';

export const PASSWORD = 'correct horse battery';

export async function signIn(db: Db, email: string, password = PASSWORD, ip?: string): Promise<{ status: number; cookie: string | null; body: unknown }> {
  const res = await getAuth(db).handler(request('POST', '/api/auth/sign-in/email', { email, password }, { ip }));
  const set = res.headers.get('set-cookie') ?? '';
  const token = /(better-auth\.session_token=[^;]+)/.exec(set)?.[1] ?? null;
  return { status: res.status, cookie: token, body: await res.json().catch(() => null) };
}

/** Creates `<role>@test.local` with PASSWORD (once) and returns a signed-in cookie for it. */
export async function userWithRole(db: Db, role: Role, email = `${role}@test.local`): Promise<{ id: string; cookie: string }> {
  const made = await createUser(db, cliActor(), { email, role, password: PASSWORD }).catch(() => null);
  const { cookie } = await signIn(db, email);
  if (!cookie) throw new Error(`could not sign in ${email}`);
  const [row] = await db.query<{ id: string }>('SELECT id FROM users WHERE email = $1', [email]);
  return { id: made?.user.id ?? row.id, cookie };
}
