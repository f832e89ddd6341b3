// The one role check: what a route declares against who asks. The route wrapper calls it; so do jobs and the CLI.
import { AppError } from '../errors/app-error';
import { readAccess } from './read-access';
import { roleAtLeast, type Role } from './roles';
import type { Actor } from './schemas';

export interface AccessRule {
  /** The least role the action needs, or 'public' for what anyone may call (health, who am I). */
  role: Role | 'public';
  /** Reads only (GET, or a POST like search): anonymous visitors may do it when reading is public. */
  reads: boolean;
}

/** Returns the actor the action runs as (an anonymous reader becomes a viewer), or throws 401/403. */
export function authorize(actor: Actor, rule: AccessRule): Actor {
  if (rule.role === 'public') return actor;
  if (actor.kind === 'anonymous') {
    if (rule.reads && rule.role === 'viewer' && readAccess() === 'public') return { ...actor, role: 'viewer' };
    throw new AppError('unauthorized', 'Sign in first: this needs an account.');
  }
  if (!roleAtLeast(actor.role, rule.role)) {
    throw new AppError('forbidden', `This needs the ${rule.role} role; you are signed in as ${actor.role ?? 'nobody'}.`);
  }
  return actor;
}
