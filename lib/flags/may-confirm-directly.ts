// Whether someone may raise a flag already confirmed (applying a takedown they decided): only who could confirm it in
// review, so a reviewer or admin, and never for a reason under four eyes, which a second person must decide.
import { roleAtLeast, type Role } from '../auth/roles';
import { fourEyesReasons, type FlagReason } from './reasons';

export function mayConfirmDirectly(role: Role | null, reason: FlagReason, env: NodeJS.ProcessEnv = process.env): boolean {
  return roleAtLeast(role, 'reviewer') && !fourEyesReasons(env).has(reason);
}
