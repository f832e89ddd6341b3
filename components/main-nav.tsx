'use client';
import type { Role } from '@/lib/auth/roles';
import { NavLink } from './nav-link';
import { useMe } from './queries/use-me';
import { useTakedowns } from './queries/use-takedowns';
import { roleAtLeast } from '@/lib/auth/roles';

const NAV: { href: string; label: string; role?: Role }[] = [
  { href: '/', label: 'Search' },
  { href: '/browse', label: 'Browse' },
  { href: '/review', label: 'Review', role: 'reviewer' },
  { href: '/takedowns', label: 'Takedowns', role: 'curator' },
  { href: '/exports', label: 'Exports', role: 'curator' },
  { href: '/jobs', label: 'Jobs', role: 'curator' },
  { href: '/audit', label: 'Audit', role: 'reviewer' },
  { href: '/admin/users', label: 'Users', role: 'admin' },
  { href: '/admin/concept-rules', label: 'Rules', role: 'admin' },
];

/** The header's pages; those a role may not use are not offered (the server refuses them anyway). */
export function MainNav() {
  const role = useMe().data?.user?.role;
  // Curators see how many takedown requests are past due, wherever they are.
  const overdue = useTakedowns().data?.overdue ?? 0;
  return (
    <nav aria-label="Main" className="flex gap-1 text-sm">
      {NAV.filter((item) => !item.role || roleAtLeast(role, item.role)).map((item) => (
        <NavLink key={item.href} href={item.href}>
          {item.label}
          {item.href === '/takedowns' && overdue ? (
            <span data-testid="overdue-badge" title={`${overdue} overdue`} className="ml-1 rounded-full bg-red-600 px-1.5 text-[10px] font-semibold text-white">{overdue}</span>
          ) : null}
        </NavLink>
      ))}
    </nav>
  );
}
