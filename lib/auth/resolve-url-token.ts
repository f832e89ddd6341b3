// Who a request acts as when its personal token rides in the URL (`/t/<token>/…`), for clients that send no headers.
import { AppError } from '../errors/app-error';
import { getDb } from '../db/get-db';
import type { Db } from '../db/client';
import { clientIp } from './client-ip';
import { hashToken } from './hash-token';
import type { Actor } from './schemas';
import { selectTokenActor } from './sql';

/**
 * A URL lands in server logs, proxies and browser history, so a token may travel in one only if it can do no more
 * than read: its own role must be viewer. Any other token is refused (403) even where it would be valid as a header.
 */
export async function resolveUrlToken(request: Request, secret: string, db?: Db): Promise<Actor> {
  const t = secret ? await selectTokenActor(db ?? getDb(), hashToken(secret)) : null;
  if (!t) throw new AppError('unauthorized', 'The token in the URL (/t/<token>/…) is unknown, expired or revoked, or its user is disabled.');
  if (t.tokenRole !== 'viewer') {
    throw new AppError(
      'forbidden',
      `A token in a URL must be read-only (role viewer), since URLs end up in logs and browser history; this one carries the ${t.tokenRole} role. Create a viewer token for this client, or send this one as an "Authorization: Bearer" header.`,
    );
  }
  return { kind: 'user', id: t.userId, email: t.email, name: t.name, role: 'viewer', via: 'token', ip: clientIp(request.headers) };
}
