// What of a flag someone may see: reviewers and admins everything; a viewer or curator its reason, state, origin and
// times, and the note and names only of a flag they raised themselves. A note may hold what a reporter wrote, and
// who raised or decided a flag is staff's business.
import { roleAtLeast } from '../auth/roles';
import type { Actor } from '../auth/schemas';
import type { FlagSummary } from './schemas';

export function showFlagTo(flag: FlagSummary, asker: Pick<Actor, 'id' | 'role'>): FlagSummary {
  if (roleAtLeast(asker.role, 'reviewer')) return flag;
  if (asker.id !== null && flag.createdBy === asker.id) return { ...flag, decidedBy: null, decidedByEmail: null };
  return { ...flag, note: null, createdBy: null, createdByEmail: null, decidedBy: null, decidedByEmail: null };
}
