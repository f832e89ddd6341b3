'use client';
import type { Role } from '@/lib/auth/roles';
import { NavLink } from './nav-link';
import { useMe } from './queries/use-me';
import { roleAtLeast } from '@/lib/auth/roles';

const NAV: { href: string; label: string; role?: Role }[] = [
  { href: '/', label: 'Search' },
  { href: '/browse', label: 'Browse' },
  { href: '/review', label: 'Review', role: 'reviewer' },
  { href: '/exports', label: 'Exports', role: 'curator' },
  { href: '/jobs', label: 'Jobs', role: 'curator' },
  { href: '/audit', label: 'Audit', role: 'reviewer' },
  { href: '/admin/users', label: 'Users', role: 'admin' },
];

/** The header's pages; those a role may not use are not offered (the server refuses them anyway). */
export function MainNav() {
  const role = useMe().data?.user?.role;
  return (
    <nav aria-label="Main" className="flex gap-1 text-sm">
      {NAV.filter((item) => !item.role || roleAtLeast(role, item.role)).map((item) => (
        <NavLink key={item.href} href={item.href}>
          {item.label}
        </NavLink>
      ))}
    </nav>
  );
}
