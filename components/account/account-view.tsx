'use client';
import { useState, type FormEvent } from 'react';
import { ROLES, ROLE_DESCRIPTIONS, roleAtLeast, type Role } from '@/lib/auth/roles';
import { DEFAULT_TOKEN_DAYS, MAX_TOKEN_DAYS } from '@/lib/auth/schemas';
import { Command, ErrorNotice } from '../notice';
import { useMe } from '../queries/use-me';
import { useCreateToken, useRevokeToken, useTokens } from '../queries/use-tokens';

const CELL = 'px-3 py-2 text-left';

/** /account: who you are, what your role allows, and your personal API tokens. */
export function AccountView() {
  const me = useMe().data?.user;
  const tokens = useTokens();
  const create = useCreateToken();
  const revoke = useRevokeToken();
  const [secret, setSecret] = useState<string | null>(null);
  if (!me) return null;
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const days = Number(form.get('days'));
    create.mutate(
      { name: String(form.get('name')), role: String(form.get('role')) as Role, ...(days > 0 ? { expiresInDays: days } : {}) },
      { onSuccess: (r) => setSecret(r.secret) },
    );
  };
  return (
    <div className="space-y-6">
      <section className="space-y-1">
        <h1 className="text-xl font-semibold tracking-tight">{me.email}</h1>
        <p className="text-sm text-neutral-600 dark:text-neutral-400">Role: <strong>{me.role}</strong>: {ROLE_DESCRIPTIONS[me.role]}.</p>
      </section>
      <section className="space-y-3">
        <h2 className="text-base font-semibold">API tokens</h2>
        <p className="text-sm text-neutral-600 dark:text-neutral-400">For scripts: send <code className="font-mono">Authorization: Bearer &lt;token&gt;</code>. A token acts as you with at most the role it was given, and stops when you revoke it or lose the role.</p>
        <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
          <label className="flex flex-col gap-1 text-xs font-medium">Name<input name="name" required maxLength={100} data-testid="token-name" className="rounded-md border border-neutral-300 px-2 py-1.5 text-sm dark:border-neutral-700 dark:bg-neutral-900" /></label>
          <label className="flex flex-col gap-1 text-xs font-medium">Role
            <select name="role" defaultValue={me.role} className="rounded-md border border-neutral-300 px-2 py-1.5 text-sm dark:border-neutral-700 dark:bg-neutral-900">
              {ROLES.filter((r) => roleAtLeast(me.role, r)).map((r) => <option key={r}>{r}</option>)}
            </select>
          </label>
          <label className="flex flex-col gap-1 text-xs font-medium">Expires in days (empty: {DEFAULT_TOKEN_DAYS}, at most {MAX_TOKEN_DAYS})<input name="days" type="number" min={1} max={MAX_TOKEN_DAYS} className="w-32 rounded-md border border-neutral-300 px-2 py-1.5 text-sm dark:border-neutral-700 dark:bg-neutral-900" /></label>
          <button type="submit" data-testid="token-create" disabled={create.isPending} className="rounded-md bg-neutral-900 px-3 py-1.5 text-sm font-medium text-white dark:bg-neutral-100 dark:text-neutral-900">Create token</button>
        </form>
        {create.error && <p role="alert" className="text-sm text-red-700">{create.error.message}</p>}
        {secret && (
          <div data-testid="token-secret" className="space-y-1 text-sm">
            <p>Copy it now: it is shown only once.</p>
            <Command>{secret}</Command>
          </div>
        )}
        {tokens.isError ? <ErrorNotice error={tokens.error} /> : (
          <table className="w-full text-sm" data-testid="tokens-table">
            <thead className="text-xs uppercase tracking-wide text-neutral-500"><tr><th className={CELL}>Name</th><th className={CELL}>Starts with</th><th className={CELL}>Role</th><th className={CELL}>Last used</th><th className={CELL}>State</th><th className={CELL} /></tr></thead>
            <tbody>
              {(tokens.data ?? []).map((t) => (
                <tr key={t.id} className="border-t border-neutral-100 dark:border-neutral-800">
                  <td className={`${CELL} break-all`}>{t.name}</td>
                  <td className={`${CELL} font-mono text-xs`}>{t.prefix}…</td>
                  <td className={CELL}>{t.role}</td>
                  <td className={CELL}>{t.lastUsedAt?.slice(0, 16).replace('T', ' ') ?? 'never'}</td>
                  <td className={CELL}>{t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt < new Date().toISOString() ? 'expired' : 'active'}</td>
                  <td className={`${CELL} text-right`}>{!t.revokedAt && <button type="button" onClick={() => revoke.mutate(t.id)} className="rounded border border-neutral-300 px-2 py-1 text-xs dark:border-neutral-700">Revoke</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
