'use client';
import { useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { fetchApi } from '../queries/fetch-api';
import { useMe } from '../queries/use-me';

const LINK = 'rounded px-2 py-1 text-sm hover:bg-neutral-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:hover:bg-neutral-800';

/** The header's corner: who is signed in and as what, with sign-out; or a sign-in link. */
export function UserMenu() {
  const me = useMe();
  const client = useQueryClient();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  if (me.isPending) return <span className="h-6 w-24 animate-pulse rounded bg-neutral-200 dark:bg-neutral-800" aria-hidden />;
  const user = me.data?.user;
  if (!user) {
    return (
      <Link href="/signin" data-testid="sign-in-link" className={`${LINK} font-medium`}>
        Sign in
      </Link>
    );
  }
  const signOut = async () => {
    setBusy(true);
    await fetchApi('/api/auth/sign-out', undefined, {}).catch(() => undefined);
    client.clear();
    router.replace(me.data?.read === 'public' ? '/' : '/signin');
    router.refresh();
  };
  return (
    <div className="flex min-w-0 items-center gap-2 text-sm">
      <Link href="/account" data-testid="current-user" className={`${LINK} min-w-0 truncate`} title={`${user.email} (${user.role})`}>
        <span className="truncate">{user.email}</span>{' '}
        <span data-testid="current-role" className="rounded bg-neutral-200 px-1.5 py-0.5 text-[11px] font-medium uppercase tracking-wide dark:bg-neutral-700">
          {user.role}
        </span>
      </Link>
      <button type="button" data-testid="sign-out" disabled={busy} onClick={signOut} className={LINK}>
        Sign out
      </button>
    </div>
  );
}
