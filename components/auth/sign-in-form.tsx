'use client';
import { useQueryClient } from '@tanstack/react-query';
import { useRouter, useSearchParams } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { safeNextPath } from '@/lib/auth/safe-next-path';
import { ApiError, fetchApi } from '../queries/fetch-api';

const INPUT = 'w-full rounded-md border border-neutral-300 bg-white px-3 py-2 text-sm focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-neutral-700 dark:bg-neutral-900';


export function SignInForm() {
  const router = useRouter();
  const params = useSearchParams();
  const client = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await fetchApi('/api/auth/sign-in/email', undefined, { email: String(form.get('email')), password: String(form.get('password')) });
      client.clear();
      // Only a path on this site: `next` comes from the URL and must not send anyone elsewhere.
      router.replace(safeNextPath(params.get('next')));
      router.refresh();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? err.message || 'Too many attempts: wait a minute and try again.' : err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} className="mx-auto max-w-sm space-y-4 rounded-lg border border-neutral-200 bg-white p-6 dark:border-neutral-800 dark:bg-neutral-900">
      <h1 className="text-xl font-semibold tracking-tight">Sign in to Sieve</h1>
      <label className="block space-y-1 text-sm">
        <span className="font-medium">Email</span>
        <input name="email" type="email" required autoComplete="username" data-testid="signin-email" className={INPUT} />
      </label>
      <label className="block space-y-1 text-sm">
        <span className="font-medium">Password</span>
        <input name="password" type="password" required autoComplete="current-password" data-testid="signin-password" className={INPUT} />
      </label>
      {error && (
        <p role="alert" data-testid="signin-error" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
      <button type="submit" disabled={busy} data-testid="signin-submit" className="w-full rounded-md bg-neutral-900 px-3 py-2 text-sm font-medium text-white hover:bg-neutral-700 disabled:opacity-60 dark:bg-neutral-100 dark:text-neutral-900">
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
      <p className="text-xs text-neutral-500">Accounts are made by an admin (`npm run sieve -- user add`).</p>
    </form>
  );
}
