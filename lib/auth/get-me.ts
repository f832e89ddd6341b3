// What the browser needs to know of who it is (GET /api/me).
import { readAccess } from './read-access';
import type { Actor, Me } from './schemas';

export function getMe(actor: Actor): Me {
  const user = actor.kind === 'user' && actor.id && actor.role ? { id: actor.id, email: actor.email ?? '', name: actor.name ?? '', role: actor.role } : null;
  return { user, read: readAccess() };
}
