'use client';
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { Role } from '@/lib/auth/roles';
import { Notice } from '../notice';
import { useCan, useMe } from '../queries/use-me';

/** Shows a page only to a role that may use it, and says why not otherwise (the API refuses regardless). */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const me = useMe();
  const can = useCan(role);
  if (me.isPending) return <div role="status" aria-label="Loading…" className="h-40 animate-pulse rounded-lg bg-neutral-200 dark:bg-neutral-800" />;
  if (can) return <>{children}</>;
  return (
    <Notice title={me.data?.user ? `This page needs the ${role} role` : 'Sign in first'}>
      {me.data?.user ? (
        <p>You are signed in as {me.data.user.email} ({me.data.user.role}). Ask an admin for the {role} role.</p>
      ) : (
        <Link href="/signin" className="text-sky-700 underline dark:text-sky-400">Sign in</Link>
      )}
    </Notice>
  );
}
