'use client';
import { ROLES, type Role } from '@/lib/auth/roles';
import type { UserSummary } from '@/lib/auth/schemas';
import { ErrorNotice } from '../notice';
import { useMe } from '../queries/use-me';
import { useUpdateUser, useUsers } from '../queries/use-users';
import { AddUserForm } from './add-user-form';

const CELL = 'px-3 py-2 text-left align-middle';

/** /admin/users: every account with its role and state; changes take effect on the user's next request. */
export function UsersView() {
  const users = useUsers();
  const update = useUpdateUser();
  const me = useMe().data?.user;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold tracking-tight">Users</h1>
      <AddUserForm />
      {update.error && <p role="alert" className="text-sm text-red-700 dark:text-red-400">{update.error.message}</p>}
      {users.isError ? (
        <ErrorNotice error={users.error} onRetry={() => users.refetch()} />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-neutral-200 bg-white dark:border-neutral-800 dark:bg-neutral-900">
          <table className="w-full text-sm" data-testid="users-table">
            <thead className="border-b border-neutral-200 text-xs uppercase tracking-wide text-neutral-500 dark:border-neutral-800">
              <tr>
                <th className={CELL}>Email</th>
                <th className={CELL}>Role</th>
                <th className={CELL}>State</th>
                <th className={CELL}>Since</th>
                <th className={CELL}><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {(users.data ?? []).map((u) => (
                <UserRow key={u.id} user={u} self={u.id === me?.id} busy={update.isPending} onChange={(change) => update.mutate({ id: u.id, ...change })} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function UserRow({ user, self, busy, onChange }: { user: UserSummary; self: boolean; busy: boolean; onChange: (c: { role?: Role; disabled?: boolean }) => void }) {
  return (
    <tr data-testid="user-row" data-email={user.email} className="border-b border-neutral-100 last:border-0 dark:border-neutral-800">
      <td className={`${CELL} break-all`}>{user.email}{self ? ' (you)' : ''}</td>
      <td className={CELL}>
        <select
          aria-label={`Role of ${user.email}`}
          data-testid="user-role"
          value={user.role}
          disabled={busy}
          onChange={(e) => onChange({ role: e.target.value as Role })}
          className="rounded border border-neutral-300 bg-white px-1.5 py-1 dark:border-neutral-700 dark:bg-neutral-900"
        >
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </td>
      <td className={CELL}>{user.disabled ? <span className="text-red-700 dark:text-red-400">disabled</span> : 'active'}</td>
      <td className={`${CELL} whitespace-nowrap text-neutral-500`}>{user.createdAt.slice(0, 10)}</td>
      <td className={`${CELL} text-right`}>
        <button type="button" data-testid="user-toggle" disabled={busy} onClick={() => onChange({ disabled: !user.disabled })} className="rounded border border-neutral-300 px-2 py-1 text-xs hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800">
          {user.disabled ? 'Enable' : 'Disable'}
        </button>
      </td>
    </tr>
  );
}
