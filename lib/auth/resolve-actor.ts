// Who a request acts as: a personal token (Authorization: Bearer), else the session cookie, else nobody.
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Db } from '../db/client';
import { clientIp } from './client-ip';
import { getAuth } from './get-auth';
import { hashToken } from './hash-token';
import { isSieveHost } from './is-sieve-host';
import { lowerRole, Role } from './roles';
import type { Actor } from './schemas';
import { selectTokenActor } from './sql';

/** Checks the token or session against the database on every request: a revoked or disabled one stops at once. */
export async function resolveActor(request: Request, db?: Db): Promise<Actor> {
  const ip = clientIp(request.headers);
  const authorization = request.headers.get('authorization');
  if (authorization) {
    const secret = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (!secret) throw new AppError('unauthorized', 'The Authorization header must read "Bearer <token>".');
    const t = await selectTokenActor(db ?? getDb(), hashToken(secret));
    if (!t) throw new AppError('unauthorized', 'The token is unknown, expired or revoked, or its user is disabled.');
    return { kind: 'user', id: t.userId, email: t.email, name: t.name, role: lowerRole(t.tokenRole, t.userRole), via: 'token', ip };
  }
  // No session cookie, no lookup: anonymous readers of a public Sieve cost no query.
  if (!request.headers.get('cookie')?.includes('session_token')) return anonymous(ip);
  // No session of Sieve's is valid at a host it doesn't answer at (and better-auth would fail on it).
  if (!isSieveHost(request.headers)) return anonymous(ip);
  const session = await getAuth(db ?? getDb()).api.getSession({ headers: request.headers });
  const user = session?.user as { id: string; email: string; name: string; role?: unknown; disabled?: unknown } | undefined;
  const role = Role.safeParse(user?.role);
  if (user && user.disabled !== true && role.success) {
    return { kind: 'user', id: user.id, email: user.email, name: user.name, role: role.data, via: 'session', ip };
  }
  return anonymous(ip);
}

const anonymous = (ip: string | null): Actor => ({ kind: 'anonymous', id: null, email: null, name: null, role: null, via: 'none', ip });
