'use client';
import { useState, type FormEvent } from 'react';
import { ROLES, type Role } from '@/lib/auth/roles';
import { useCreateUser } from '../queries/use-users';

const INPUT = 'rounded-md border border-neutral-300 bg-white px-2 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-neutral-700 dark:bg-neutral-900';

/** Adds a user; when no password is typed, Sieve makes a one-time one and shows it here once. */
export function AddUserForm() {
  const create = useCreateUser();
  const [made, setMade] = useState<{ email: string; password: string } | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const password = String(form.get('password') ?? '');
    const input = { email: String(form.get('email')), role: String(form.get('role')) as Role, ...(password ? { password } : {}) };
    setMade(null);
    create.mutate(input, {
      onSuccess: (r) => {
        if (r.password) setMade({ email: r.user.email, password: r.password });
        (e.target as HTMLFormElement).reset();
      },
    });
  };
  return (
    <form onSubmit={submit} data-testid="add-user-form" className="flex flex-wrap items-end gap-2 rounded-lg border border-neutral-200 bg-white p-3 dark:border-neutral-800 dark:bg-neutral-900">
      <label className="flex flex-col gap-1 text-xs font-medium">
        Email
        <input name="email" type="email" required data-testid="new-user-email" className={INPUT} />
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Role
        <select name="role" defaultValue="viewer" data-testid="new-user-role" className={INPUT}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 text-xs font-medium">
        Password (optional, ≥ 12 characters)
        <input name="password" type="password" minLength={12} autoComplete="new-password" className={INPUT} />
      </label>
      <button type="submit" disabled={create.isPending} className="rounded-md bg-neutral-900 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900">
        Add user
      </button>
      {create.error && <p role="alert" className="basis-full text-sm text-red-700 dark:text-red-400">{create.error.message}</p>}
      {made && (
        <p data-testid="one-time-password" className="basis-full text-sm">
          One-time password for {made.email} (shown once): <code className="rounded bg-neutral-100 px-1 font-mono dark:bg-neutral-800">{made.password}</code>
        </p>
      )}
    </form>
  );
}
