// Who may do what to a block list: its reason and authority never change; only an admin makes, replaces or deletes a
// csam_suspected list or one from an authority; nobody but an admin replaces or deletes another's list.
import { AppError } from '../errors/app-error';
import type { Actor } from '../auth/schemas';
import { roleAtLeast } from '../auth/roles';
import type { FlagReason } from '../flags/reasons';
import type { BlockListHead } from './block-list-sql';

export type BlockListAction =
  | { kind: 'import'; name: string; reason?: FlagReason; authority?: string }
  | { kind: 'delete' };

export function checkBlockListPower(actor: Pick<Actor, 'id' | 'role'>, list: BlockListHead | null, action: BlockListAction): void {
  const admin = roleAtLeast(actor.role, 'admin');
  if (action.kind === 'import' && !list) {
    if (action.reason === 'csam_suspected' && !admin) throw new AppError('forbidden', 'only an admin creates a csam_suspected block list (a hotline\'s list)');
    if (action.authority && !admin) throw new AppError('forbidden', 'only an admin names the authority a block list comes from');
    return;
  }
  if (!list) throw new AppError('not_found', 'no such block list');
  const what = action.kind === 'import' ? 'replaces' : 'deletes';
  if (action.kind === 'import') {
    if (action.reason && action.reason !== list.reason) {
      throw new AppError('conflict', `block list "${list.name}" is a ${list.reason} list and its reason never changes: import the file under another name${admin ? ', or delete this list first' : ''}`, { reason: list.reason });
    }
    if (action.authority !== undefined && action.authority !== list.authority) {
      throw new AppError('conflict', `block list "${list.name}" comes from ${list.authority ?? 'no authority'} and that never changes: import the file under another name`, { authority: list.authority });
    }
  }
  if (list.reason === 'csam_suspected' && !admin) throw new AppError('forbidden', `only an admin ${what} a csam_suspected block list ("${list.name}")`);
  if (list.authority && !admin) throw new AppError('forbidden', `only an admin ${what} a block list from an authority ("${list.name}", ${list.authority})`);
  if (list.created_by !== actor.id && !admin) throw new AppError('forbidden', `block list "${list.name}" belongs to another user: only they or an admin ${what === 'replaces' ? 'replace' : 'delete'} it`);
}
